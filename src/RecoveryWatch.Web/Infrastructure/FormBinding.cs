using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RecoveryWatch.Common;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Amounts typed as the reader writes numbers in their language, or plainly as 1234567.89 (see LocalizedNumber).</summary>
public sealed class DecimalModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        if (LocalizedNumber.TryParse(text, CultureInfo.CurrentCulture, out var number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelName));
        }

        return Task.CompletedTask;
    }
}

public sealed class DecimalModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(decimal) ? new DecimalModelBinder() : null;
}

/// <summary>Codes posted by forms (stage, role, visibility…) read by <see cref="EnumCodes"/>: the framework's enum binder
/// would read "Frozen, Seized" as another defined stage.</summary>
public sealed class StrictEnumModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (EnumCodes.TryParse(bindingContext.ModelMetadata.UnderlyingOrModelType, text, out var parsed))
        {
            bindingContext.Result = ModelBindingResult.Success(parsed);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, bindingContext.ModelMetadata.ModelBindingMessageProvider.UnknownValueIsInvalidAccessor(text ?? string.Empty));
        }

        return Task.CompletedTask;
    }
}

public sealed class StrictEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType.IsEnum ? new StrictEnumModelBinder() : null;
}

/// <summary>Model-binding messages ("'abc' is not a number") in the reader's language.</summary>
public sealed class LocalizedMvcOptions(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var localizer = factory.Create(typeof(SharedResource));
        options.ModelBinderProviders.Insert(0, new DecimalModelBinderProvider());
        options.ModelBinderProviders.Insert(0, new StrictEnumModelBinderProvider());
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["Validation.NotANumber", value]);
        messages.SetValueMustBeANumberAccessor(_ => localizer["Validation.NotANumber", string.Empty]);
        messages.SetValueIsInvalidAccessor(value => localizer["Validation.NotANumber", value]);
        messages.SetUnknownValueIsInvalidAccessor(value => localizer["Validation.UnknownCode", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["Validation.NotANumber", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Validation.Invalid"]);
        messages.SetMissingBindRequiredValueAccessor(_ => localizer["Validation.Required"]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["Validation.Required"]);
        messages.SetValueMustNotBeNullAccessor(_ => localizer["Validation.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Validation.Required"]);
    }
}
