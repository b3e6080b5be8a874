using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Orders;

/// Imports order lines from CSV, one row per line, with the guarantees of every import: a bad row is rejected alone
/// with its reason; a line already stored (same customer, order number and item) counts as a duplicate; each row is
/// saved on its own, so an interrupted import resumes by running it again. The first row of an order creates it.
/// A line is never added to an order whose confirmation is recorded: the confirmation is evidence of what was agreed.
internal sealed class OrderCsvImport(CalmDeskDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Columns = ["customer", "order", "orderedon", "item", "quantity", "unitprice", "delivered"];

    public async Task<ImportReport> ImportAsync(Stream stream, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var matcher = await CustomerMatcher.LoadAsync(db, cancellationToken);
        return await CsvRows.ImportEachAsync(stream, ["customer", "order", "orderedon", "item", "quantity"], progress, async (row, location, report) =>
        {
            var (customerId, problem) = matcher.ByCustomerReference(row["customer"] ?? "");
            if (customerId is null)
            {
                report.Reject(location, problem ?? "the customer column is empty");
                return;
            }

            var parse = new List<string>();
            var number = row["order"]!.Trim();
            var line = new OrderLineInput(row["item"], row.Number("quantity", parse), row.Number("unitprice", parse), Delivered: row.Number("delivered", parse));
            var input = new OrderInput(customerId, number, row.Date("orderedon", parse), [line]);
            var errors = input.Validate();
            if (parse.Count > 0 || errors.Count > 0)
            {
                report.Reject(location, string.Join(" ", parse.Concat(errors.SelectMany(e => e.Value))));
                return;
            }

            // Read afresh for every row: each row is saved (and the tracker cleared) on its own.
            var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.CustomerId == customerId && o.Number == number, cancellationToken);

            var item = line.Item!.Trim();
            if (order is not null && order.Lines.Any(l => string.Equals(l.Item, item, StringComparison.OrdinalIgnoreCase)))
            {
                report.CountDuplicate();
                return;
            }

            if (order is not null && order.ConfirmedAt is not null)
            {
                report.Reject(location, $"order {number} is already confirmed; a line cannot be added to what was confirmed");
                return;
            }

            if (order is not null && order.OrderedOn != input.OrderedOn)
            {
                report.Reject(location, $"order {number} was ordered on {order.OrderedOn:yyyy-MM-dd}, not {input.OrderedOn:yyyy-MM-dd}");
                return;
            }

            if (order is null)
            {
                order = new Order { CustomerId = customerId.Value, Number = number, OrderedOn = input.OrderedOn!.Value, CreatedAt = clock.GetUtcNow() };
                db.Orders.Add(order);
            }

            order.Lines.Add(new OrderLine { Item = item, Ordered = line.Ordered!.Value, UnitPrice = line.UnitPrice ?? 0, Delivered = line.Delivered });
            await ImportFile.SaveRecordAsync(db, report, cancellationToken);
        }, cancellationToken);
    }
}
