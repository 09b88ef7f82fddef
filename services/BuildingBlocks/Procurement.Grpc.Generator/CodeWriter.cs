using System.Text;

namespace Procurement.Grpc.Generator;

/// <summary>Indentation-aware text builder for generated C#.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        foreach (var part in line.Split('\n'))
        {
            if (part.Length > 0) _text.Append(' ', _depth * 4).Append(part);
            _text.Append('\n');
        }
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
