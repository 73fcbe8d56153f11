using System.Globalization;

namespace Recsys.Grains.Interfaces.Validation;

/// <summary>Checks requests against the contract before anything is stored. Each method returns every
/// problem found (empty: valid), with field paths under <c>path</c>.</summary>
public static class ContractValidator
{
    public static List<FieldError> Validate(UserEvent userEvent, DateTimeOffset now, TimeSpan maxClockSkew, string path = "")
    {
        List<FieldError> errors = [];
        Id(errors, path, "eventId", userEvent.EventId);
        Id(errors, path, "userId", userEvent.UserId);
        Id(errors, path, "itemId", userEvent.ItemId);
        if (!Enum.IsDefined(userEvent.Type))
        {
            errors.Add(new(Field(path, "type"), "must be one of view, click, cart, purchase."));
        }
        if (userEvent.Timestamp < ContractLimits.EarliestTimestamp)
        {
            errors.Add(new(Field(path, "timestamp"), $"is missing or before {ContractLimits.EarliestTimestamp:yyyy-MM-dd}."));
        }
        else if (userEvent.Timestamp > now + maxClockSkew)
        {
            errors.Add(new(Field(path, "timestamp"),
                $"is {(userEvent.Timestamp - now).TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes in the future (server time {now:O}); clocks may differ by at most {maxClockSkew.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes."));
        }
        if (userEvent.Quantity is < 1 or > ContractLimits.MaxQuantity)
        {
            errors.Add(new(Field(path, "quantity"), $"must be between 1 and {ContractLimits.MaxQuantity}."));
        }
        Price(errors, path, userEvent.Price);
        OptionalId(errors, path, "basketId", userEvent.BasketId);
        Label(errors, path, "location", userEvent.Location);
        Label(errors, path, "device", userEvent.Device);
        Promotions(errors, path, userEvent.PromotionIds);
        return errors;
    }

    public static List<FieldError> Validate(ItemInfo item, string path = "")
    {
        List<FieldError> errors = [];
        Id(errors, path, "id", item.Id);
        Text(errors, path, "title", item.Title, ContractLimits.MaxTitleLength, required: true);
        Text(errors, path, "description", item.Description, ContractLimits.MaxDescriptionLength, required: false);
        Text(errors, path, "category", item.Category, ContractLimits.MaxTitleLength, required: false);
        Price(errors, path, item.Price);
        Promotions(errors, path, item.PromotionIds);
        return errors;
    }

    public static List<FieldError> Validate(RecommendationRequest request, string path = "")
    {
        List<FieldError> errors = [];
        Count(errors, path, "count", request.Count, RecommendationRequest.MaxCount);
        At(errors, path, request.At);
        Label(errors, path, "location", request.Location);
        Label(errors, path, "device", request.Device);
        Promotions(errors, path, request.PromotionIds);
        ItemIds(errors, path, "excludeItemIds", request.ExcludeItemIds, ContractLimits.MaxExcludedItems);
        Text(errors, path, "category", request.Category, ContractLimits.MaxTitleLength, required: false);
        if (request.Category is { } category && string.IsNullOrWhiteSpace(category))
        {
            errors.Add(new(Field(path, "category"), "must not be blank; leave it out for any category."));
        }

        return errors;
    }

    /// <summary>The items of an affinity question (<see cref="IUserGrain.Affinities"/>).</summary>
    public static List<FieldError> ValidateAffinities(IReadOnlyList<string> itemIds)
    {
        List<FieldError> errors = [];
        ItemIds(errors, "", "itemIds", itemIds, ContractLimits.MaxAffinityItems);
        return errors;
    }

    public static List<FieldError> Validate(SearchRequest request, string path = "")
    {
        List<FieldError> errors = [];
        Text(errors, path, "q", request.Query, SearchRequest.MaxQueryLength, required: true);
        if (request.Query is not null && request.Query.Any(char.IsControl))
        {
            errors.Add(new(Field(path, "q"), "must not hold control characters."));
        }
        Count(errors, path, "k", request.Count, SearchRequest.MaxCount);
        OptionalId(errors, path, "userId", request.UserId);
        At(errors, path, request.At);
        return errors;
    }

    /// <summary>How many similar items to return for an item: the id and count rules of search.</summary>
    public static List<FieldError> ValidateSimilar(string? itemId, int count)
    {
        var errors = ValidateId(itemId, "itemId");
        Count(errors, "", "k", count, SearchRequest.MaxCount);
        return errors;
    }

    /// <summary>A user or item id from a URL or a message: same rules as ids in bodies.</summary>
    public static List<FieldError> ValidateId(string? id, string field)
    {
        List<FieldError> errors = [];
        Id(errors, "", field, id);
        return errors;
    }

    private static void At(List<FieldError> errors, string path, DateTimeOffset? at)
    {
        if (at is { } moment && moment < ContractLimits.EarliestTimestamp)
        {
            errors.Add(new(Field(path, "at"), $"must not be before {ContractLimits.EarliestTimestamp:yyyy-MM-dd}."));
        }
    }

    private static void ItemIds(List<FieldError> errors, string path, string name, IReadOnlyList<string> itemIds, int max)
    {
        if (itemIds.Count > max)
        {
            errors.Add(new(Field(path, name), $"may name at most {max} items."));
            return;
        }
        for (var i = 0; i < itemIds.Count; i++)
        {
            Id(errors, path, $"{name}[{i}]", itemIds[i]);
        }
    }

    private static void Count(List<FieldError> errors, string path, string name, int count, int max)
    {
        if (count < 1 || count > max)
        {
            errors.Add(new(Field(path, name), $"must be between 1 and {max}."));
        }
    }

    private static string Field(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Id(List<FieldError> errors, string path, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(Field(path, name), "is required."));
        }
        else
        {
            OptionalId(errors, path, name, value);
        }
    }

    private static void OptionalId(List<FieldError> errors, string path, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > ContractLimits.MaxIdLength)
        {
            errors.Add(new(Field(path, name), $"is longer than {ContractLimits.MaxIdLength} characters."));
        }
        else if (!IsIdText(value))
        {
            errors.Add(new(Field(path, name), $"must be 1 to {ContractLimits.MaxIdLength} characters of {ContractLimits.IdAlphabet}, and not only dots."));
        }
    }

    /// <summary>Only <see cref="ContractLimits.IdAlphabet"/>; "." and ".." would be removed from a URL path.</summary>
    private static bool IsIdText(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or ':' or '@' or '-') && value.Any(c => c != '.');

    private static void Label(List<FieldError> errors, string path, string name, string? value)
    {
        if (value is not null && (value.Length == 0 || value.Length > ContractLimits.MaxLabelLength || value.Any(char.IsControl)))
        {
            errors.Add(new(Field(path, name), $"must be 1 to {ContractLimits.MaxLabelLength} printable characters."));
        }
    }

    private static void Text(List<FieldError> errors, string path, string name, string? value, int maxLength, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(Field(path, name), "is required."));
        }
        else if (value is not null && value.Length > maxLength)
        {
            errors.Add(new(Field(path, name), $"is longer than {maxLength} characters."));
        }
    }

    private static void Price(List<FieldError> errors, string path, double? price)
    {
        if (price is { } value && (!double.IsFinite(value) || value < 0))
        {
            errors.Add(new(Field(path, "price"), "must be a finite number, zero or more."));
        }
    }

    private static void Promotions(List<FieldError> errors, string path, IReadOnlyList<string>? promotionIds)
    {
        if (promotionIds is null)
        {
            return;
        }
        if (promotionIds.Count > ContractLimits.MaxPromotions)
        {
            errors.Add(new(Field(path, "promotionIds"), $"may name at most {ContractLimits.MaxPromotions} promotions."));
            return;
        }
        for (var i = 0; i < promotionIds.Count; i++)
        {
            Id(errors, path, $"promotionIds[{i}]", promotionIds[i]);
        }
    }
}
