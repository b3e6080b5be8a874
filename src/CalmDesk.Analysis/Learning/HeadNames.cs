namespace CalmDesk.Analysis.Learning;

/// <summary>The learned heads, one binary question each, as the label guide (docs/analysis-labels.md) defines them.</summary>
internal static class HeadNames
{
    /// <summary>Anger level 1 or more (annoyed at least).</summary>
    public const string Annoyed = "anger:1";

    /// <summary>Anger level 2 or more: the product's "angry".</summary>
    public const string Angry = "anger";

    /// <summary>Anger level 3: furious.</summary>
    public const string Furious = "anger:3";

    /// <summary>Any abuse.</summary>
    public const string Abuse = "abuse";

    /// <summary>Abuse aimed at the rep or staff.</summary>
    public const string AbuseAtStaff = "abuse:staff";

    // The model stores its heads in the enums' order: reordering an enum needs a retrained model (ModelTests checks).
    public static readonly string[] AbuseKinds = [.. Kinds.AbuseKinds.Select(k => k.Name())];

    public static readonly string[] Threats = [.. Kinds.Threats.Select(t => t.Name())];

    public static readonly string[] Situations = [.. Kinds.Situations.Select(s => s.Name())];

    /// <summary>Every head, in the order the model stores them.</summary>
    public static readonly string[] All =
    [
        Annoyed, Angry, Furious, Abuse, AbuseAtStaff,
        .. AbuseKinds.Select(k => "kind:" + k),
        .. Threats.Select(t => "threat:" + t),
        .. Situations.Select(s => "situation:" + s),
    ];
}
