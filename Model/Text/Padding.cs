namespace Recsys.Model.Text;

/// <summary>How far encodings are padded with the padding token.</summary>
public enum Padding
{
    /// <summary>To the longest sequence encoded together; a single text is not padded.</summary>
    Longest,

    /// <summary>To the maximum length asked for.</summary>
    MaxLength,
}
