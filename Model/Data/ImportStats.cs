namespace Recsys.Model.Data;

/// <summary>What an import read and kept.</summary>
/// <param name="Files">CSV files read.</param>
/// <param name="RawRows">Data rows (headers and empty lines excluded), bad ones included.</param>
/// <param name="KeptRows">Rows that passed the cleaning rules.</param>
/// <param name="BadRows">Rows skipped because a field could not be parsed.</param>
/// <param name="Events">Distinct (invoice, stock code) pairs among the kept rows.</param>
/// <param name="Baskets">Distinct invoices among the kept rows.</param>
public sealed record ImportStats(int Files, long RawRows, long KeptRows, long BadRows, int Events, int Baskets);
