using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Procurement.Bids.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bid",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    confirmed_tender_revision = table.Column<int>(type: "integer", nullable: false),
                    void_lots = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bid", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_message",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_message", x => new { x.message_id, x.consumer_name });
                });

            migrationBuilder.CreateTable(
                name: "opened_lot",
                columns: table => new
                {
                    tender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    commissioner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opened_lot", x => new { x.tender_id, x.lot_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    traceparent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_message", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tender_view",
                columns: table => new
                {
                    tender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submission_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lots = table.Column<string>(type: "jsonb", nullable: false),
                    amendment_summary = table.Column<string>(type: "text", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tender_view", x => x.tender_id);
                });

            migrationBuilder.CreateTable(
                name: "bid_version",
                columns: table => new
                {
                    bid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    offers = table.Column<string>(type: "jsonb", nullable: false),
                    accepts_terms = table.Column<bool>(type: "boolean", nullable: false),
                    meets_mandatory_requirements = table.Column<bool>(type: "boolean", nullable: false),
                    no_conflicts_declared = table.Column<bool>(type: "boolean", nullable: false),
                    digest_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bid_version", x => new { x.bid_id, x.version });
                    table.ForeignKey(
                        name: "FK_bid_version_bid_bid_id",
                        column: x => x.bid_id,
                        principalTable: "bid",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opened_offer",
                columns: table => new
                {
                    tender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bid_version = table.Column<int>(type: "integer", nullable: false),
                    supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    offer = table.Column<string>(type: "jsonb", nullable: false),
                    digest_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    compliant = table.Column<bool>(type: "boolean", nullable: false),
                    non_compliance_reasons = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opened_offer", x => new { x.tender_id, x.lot_id, x.bid_id });
                    table.ForeignKey(
                        name: "FK_opened_offer_opened_lot_tender_id_lot_id",
                        columns: x => new { x.tender_id, x.lot_id },
                        principalTable: "opened_lot",
                        principalColumns: new[] { "tender_id", "lot_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bid_supplier",
                table: "bid",
                column: "supplier");

            migrationBuilder.CreateIndex(
                name: "ux_bid_live_per_supplier",
                table: "bid",
                columns: new[] { "tender_id", "supplier" },
                unique: true,
                filter: "status <> 'Withdrawn'");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_message_unpublished",
                table: "outbox_message",
                column: "sequence",
                filter: "published_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bid_version");

            migrationBuilder.DropTable(
                name: "inbox_message");

            migrationBuilder.DropTable(
                name: "opened_offer");

            migrationBuilder.DropTable(
                name: "outbox_message");

            migrationBuilder.DropTable(
                name: "tender_view");

            migrationBuilder.DropTable(
                name: "bid");

            migrationBuilder.DropTable(
                name: "opened_lot");
        }
    }
}
