using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// An OpenID Connect provider in process, reached through the handler's back channel: discovery, JWKS with a test
/// RSA key, and a token endpoint that checks the PKCE verifier, client and redirect URI before answering with a
/// signed id_token carrying the nonce the dashboard asked for. The browser half (authorize) is played by the test
/// through <see cref="Authorize"/>.
/// </summary>
public sealed class FakeIdentityProvider : HttpMessageHandler
{
    public const string Issuer = "https://idp.test";
    public const string ClientId = "support-dashboard";
    public const string ClientSecret = "oidc_CANARYSECRET_5e4d3c2b1a09";
    private const string KeyId = "test-key-1";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _grants = new();

    public int TokenRequests { get; private set; }

    /// <summary>What the dashboard sent to the token endpoint, for assertions (it must carry the client secret).</summary>
    public List<string> TokenRequestBodies { get; } = [];

    /// <summary>A person at the provider; <paramref name="EmailVerified"/> null leaves the claim out, as some providers do.</summary>
    public sealed record User(string Email, IReadOnlyList<string>? Groups = null, bool? EmailVerified = true);

    private sealed record Grant(string Nonce, string CodeChallenge, string RedirectUri, User User);

    /// <summary>Plays the authorize endpoint for <paramref name="user"/>: returns the code and state to post back.</summary>
    public (string Code, string State, string RedirectUri) Authorize(Uri authorizeUrl, User user)
    {
        var query = QueryHelpers.ParseQuery(authorizeUrl.Query);
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _grants[code] = new Grant(query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString(), user);
        return (code, query["state"].ToString(), query["redirect_uri"].ToString());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        return path switch
        {
            "/.well-known/openid-configuration" => Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = Issuer + "/authorize",
                ["token_endpoint"] = Issuer + "/token",
                ["jwks_uri"] = Issuer + "/jwks",
                ["end_session_endpoint"] = Issuer + "/logout",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            }),
            "/jwks" => Jwks(),
            "/token" => await TokenAsync(request, cancellationToken),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private HttpResponseMessage Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TokenRequests++;
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        TokenRequestBodies.Add(body);
        var form = QueryHelpers.ParseQuery(body);
        if (!_grants.TryRemove(form["code"].ToString(), out var grant)
            || form["grant_type"] != "authorization_code"
            || form["client_id"] != ClientId
            || form["client_secret"] != ClientSecret
            || form["redirect_uri"] != grant.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
        {
            return Json(new { error = "invalid_grant" }, HttpStatusCode.BadRequest);
        }

        const string accessToken = "opaque-access-token";
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "user-" + grant.User.Email,
            ["email"] = grant.User.Email,
            ["name"] = grant.User.Email.Split('@')[0],
            ["nonce"] = grant.Nonce,
            ["at_hash"] = Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]),
        };
        if (grant.User.EmailVerified is { } verified)
        {
            claims["email_verified"] = verified;
        }

        if (grant.User.Groups is { } groups)
        {
            claims["groups"] = groups.ToArray();
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

        return Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600, id_token = idToken });
    }

    private static HttpResponseMessage Json(object value, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json") };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
