namespace Dashboard.Store.Hosting;

/// <summary>The schema could not be migrated because another process held the migration lock for too long.</summary>
public sealed class MigrationLockTimeoutException : Exception
{
    public MigrationLockTimeoutException()
        : base("The migration lock was held too long.")
    {
    }

    public MigrationLockTimeoutException(string message)
        : base(message)
    {
    }

    public MigrationLockTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
