namespace Dashboard.Web.Security;

/// <summary>Stands in for an exception whose text held a secret: same type name and stack, secrets masked.</summary>
public sealed class MaskedException : Exception
{
    private readonly string _text;

    internal MaskedException(Exception original, SecretMasker masker)
        : base(masker.Apply(original.Message))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = masker.Apply(original.ToString());
    }

    public string OriginalType { get; }

    public override string? StackTrace => null;

    public override string ToString() => _text;
}
