namespace CalmDesk.Playbooks;

/// Something wrong in a playbook file, with the place to fix it.
internal sealed record PlaybookProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
