using System.Security.Cryptography;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Version 7 GUIDs (RFC 9562) that strictly increase within a process, for outbox rows. The outbox's sequence column,
/// the order of publication, is the order of insertion, and EF Core inserts the rows of one SaveChanges in key order:
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/> fills everything after the millisecond with random bits, so two
/// events added in the same millisecond (an amendment and the lot cancellation it carries) could be published in the
/// wrong order. Here the 12 bits after the millisecond count (RFC 9562 §6.2, method 1), and a clock that stands still
/// or goes back (a test's, a development clock) keeps the last millisecond and counts on.
/// </summary>
internal static class OutboxIds
{
    private const int CounterLimit = 0xFFF;
    private static readonly Lock Gate = new();
    private static long _lastMillisecond = long.MinValue;
    private static int _counter;

    public static Guid Next(DateTimeOffset now)
    {
        long millisecond;
        int counter;
        lock (Gate)
        {
            millisecond = Math.Max(now.ToUnixTimeMilliseconds(), _lastMillisecond);
            if (millisecond == _lastMillisecond && ++_counter > CounterLimit)
            {
                millisecond++;   // 4096 in one millisecond: borrow the next one
                _counter = 0;
            }
            else if (millisecond != _lastMillisecond)
            {
                _counter = 0;
            }
            _lastMillisecond = millisecond;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(millisecond >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
