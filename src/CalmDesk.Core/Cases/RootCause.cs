namespace CalmDesk.Cases;

/// Why the problem happened, once the facts are in: it decides the tone of the reply (an apology only for our own mistake).
internal enum RootCause
{
    Unknown,
    OurMistake,
    CustomerMisunderstanding,
    ThirdParty,
}
