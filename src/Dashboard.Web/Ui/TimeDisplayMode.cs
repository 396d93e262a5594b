namespace Dashboard.Web.Ui;

/// <summary>How times are shown: <c>tz=utc</c> (default), <c>tz=local</c> (the browser's zone) or <c>tz=relative</c>.</summary>
public enum TimeDisplayMode
{
    Utc,
    Local,
    Relative,
}
