using System.ComponentModel.DataAnnotations;

namespace RecoveryWatch.Common;

public static class EmailAddresses
{
    /// <summary>The longest address stored: the width of Identity's e-mail column, used for participants too.</summary>
    public const int MaxLength = 256;

    /// <summary>Well formed and short enough to store, so an over-long address is a field error, not a database error.</summary>
    public static bool IsValid(string email) => email.Length <= MaxLength && new EmailAddressAttribute().IsValid(email);
}
