namespace CalmDesk.Customers;

internal sealed class Contact
{
    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// "female" or "male" when known, so letters greet the contact by title and surname; empty: a neutral greeting.
    public string? Gender { get; set; }

    /// ISO 639-1; when empty the customer's preferred language applies.
    public string? Language { get; set; }
}
