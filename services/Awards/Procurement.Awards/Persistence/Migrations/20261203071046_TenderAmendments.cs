using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Procurement.Awards.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TenderAmendments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "amendments",
                table: "tender_info",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amendments",
                table: "tender_info");
        }
    }
}
