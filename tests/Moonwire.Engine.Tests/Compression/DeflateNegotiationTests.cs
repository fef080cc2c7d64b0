using CsCheck;
using Moonwire.Engine.Compression;
using Xunit;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>Extension negotiation of RFC 7692 §5 and §7.1: the offer, the server's choice and response, the client's check.</summary>
public sealed class DeflateNegotiationTests
{
    private static readonly PerMessageDeflateOptions Defaults = new();

    private static (DeflateParameters Agreed, string Response) Accept(PerMessageDeflateOptions server, params string[] offers)
    {
        Assert.True(DeflateNegotiation.TryAccept(offers, server, out var agreed, out var response), "an offer is accepted");
        return (agreed, response);
    }

    private static string Reject(PerMessageDeflateOptions offered, string response)
    {
        Assert.False(DeflateNegotiation.TryParseResponse(response, offered, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void Section7_1_DefaultOffer_SaysTheClientHandlesAnyWindow()
    {
        Assert.Equal("permessage-deflate; client_max_window_bits", DeflateNegotiation.CreateOffer(Defaults));
    }

    [Fact]
    public void Section7_1_Offer_CarriesEveryRequestedParameter()
    {
        var options = new PerMessageDeflateOptions
        {
            ClientNoContextTakeover = true,
            ServerNoContextTakeover = true,
            ServerMaxWindowBits = 10,
            ClientMaxWindowBits = 12,
        };
        Assert.Equal(
            "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12",
            DeflateNegotiation.CreateOffer(options));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(16)]
    public void Section7_1_2_Options_RejectWindowsOutside8To15(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { ServerMaxWindowBits = bits });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { ClientMaxWindowBits = bits });
    }

    [Fact]
    public void Section7_1_BareOffer_IsAcceptedAsIs()
    {
        var (agreed, response) = Accept(Defaults, "permessage-deflate");
        Assert.Equal("permessage-deflate", response);
        Assert.Equal(new DeflateParameters(false, false, 15, 15), agreed);
    }

    [Fact]
    public void Section7_1_1_1_ServerNoContextTakeover_IsConfirmed()
    {
        var (agreed, response) = Accept(Defaults, "permessage-deflate; server_no_context_takeover");
        Assert.Equal("permessage-deflate; server_no_context_takeover", response);
        Assert.True(agreed.ServerNoContextTakeover);
    }

    [Fact]
    public void Section7_1_1_2_ClientNoContextTakeover_IsEchoed()
    {
        var (agreed, response) = Accept(Defaults, "permessage-deflate; client_no_context_takeover");
        Assert.Equal("permessage-deflate; client_no_context_takeover", response);
        Assert.True(agreed.ClientNoContextTakeover);
    }

    [Fact]
    public void Section7_1_1_ServerMayImposeNoContextTakeover_OnBothSides()
    {
        var server = new PerMessageDeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true };
        var (agreed, response) = Accept(server, "permessage-deflate");
        Assert.Equal("permessage-deflate; server_no_context_takeover; client_no_context_takeover", response);
        Assert.Equal(new DeflateParameters(true, true, 15, 15), agreed);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Section7_1_2_1_RequestedServerWindow_IsConfirmed(int bits)
    {
        var (agreed, response) = Accept(Defaults, $"permessage-deflate; server_max_window_bits={bits}");
        Assert.Equal($"permessage-deflate; server_max_window_bits={bits}", response);
        Assert.Equal(bits, agreed.ServerMaxWindowBits);
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits=12", 10)]
    [InlineData("permessage-deflate; server_max_window_bits=9", 9)]
    [InlineData("permessage-deflate", 10)]
    public void Section7_1_2_1_ServerWindow_IsTheSmallerOfBothLimits_AndAnnounced(string offer, int expected)
    {
        var (agreed, response) = Accept(new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, offer);
        Assert.Equal($"permessage-deflate; server_max_window_bits={expected}", response);
        Assert.Equal(expected, agreed.ServerMaxWindowBits);
    }

    [Theory]
    [InlineData("permessage-deflate; client_max_window_bits", 15, "permessage-deflate", 15)]
    [InlineData("permessage-deflate; client_max_window_bits", 10, "permessage-deflate; client_max_window_bits=10", 10)]
    [InlineData("permessage-deflate; client_max_window_bits=9", 15, "permessage-deflate; client_max_window_bits=9", 9)]
    [InlineData("permessage-deflate; client_max_window_bits=12", 10, "permessage-deflate; client_max_window_bits=10", 10)]
    [InlineData("permessage-deflate", 10, "permessage-deflate", 15)]
    public void Section7_1_2_2_ClientWindow_IsLimitedOnlyWhenTheClientOffersTheParameter(
        string offer, int serverLimit, string expectedResponse, int expectedBits)
    {
        var (agreed, response) = Accept(new PerMessageDeflateOptions { ClientMaxWindowBits = serverLimit }, offer);
        Assert.Equal(expectedResponse, response);
        Assert.Equal(expectedBits, agreed.ClientMaxWindowBits);
    }

    [Fact]
    public void Section9_1_QuotedValues_AreTheirUnquotedTokens()
    {
        var (agreed, _) = Accept(Defaults, "permessage-deflate; server_max_window_bits=\"10\"; client_max_window_bits=\"9\"");
        Assert.Equal(new DeflateParameters(false, false, 10, 9), agreed);
    }

    [Fact]
    public void NamesAreMatchedIgnoringCase()
    {
        var (agreed, _) = Accept(Defaults, "PerMessage-Deflate; Server_No_Context_Takeover; SERVER_MAX_WINDOW_BITS=11");
        Assert.Equal(new DeflateParameters(true, false, 11, 15), agreed);
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits")]
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; server_max_window_bits=0")]
    [InlineData("permessage-deflate; server_max_window_bits=09")]
    [InlineData("permessage-deflate; server_max_window_bits=+9")]
    [InlineData("permessage-deflate; server_max_window_bits=-9")]
    [InlineData("permessage-deflate; server_max_window_bits=9.0")]
    [InlineData("permessage-deflate; server_max_window_bits=ten")]
    [InlineData("permessage-deflate; client_max_window_bits=7")]
    [InlineData("permessage-deflate; client_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=010")]
    [InlineData("permessage-deflate; server_no_context_takeover=true")]
    [InlineData("permessage-deflate; client_no_context_takeover=1")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10; server_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits; client_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=10; SERVER_MAX_WINDOW_BITS=10")]
    [InlineData("permessage-deflate; mux")]
    [InlineData("permessage-deflate; x=1")]
    [InlineData("permessage-deflate; server_max_window_bits=\"1 0\"")]
    [InlineData("x-webkit-deflate-frame")]
    [InlineData("deflate-frame; server_max_window_bits=10")]
    public void Section7_1_InvalidOffers_AreDeclined(string offer)
    {
        Assert.False(DeflateNegotiation.TryAccept([offer], Defaults, out _, out _));
    }

    [Fact]
    public void Section5_FirstAcceptableOffer_Wins_AfterDecliningBadOnes()
    {
        var (agreed, response) = Accept(Defaults,
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; unknown",
            "permessage-deflate; server_max_window_bits=12",
            "permessage-deflate");
        Assert.Equal("permessage-deflate; server_max_window_bits=12", response);
        Assert.Equal(12, agreed.ServerMaxWindowBits);
    }

    [Fact]
    public void Section5_OffersInOneHeaderValue_AreTriedInOrder()
    {
        var (agreed, _) = Accept(Defaults,
            "this is not; a=\"valid",
            "x-foo, permessage-deflate; bogus, permessage-deflate; server_no_context_takeover, permessage-deflate");
        Assert.True(agreed.ServerNoContextTakeover);
    }

    [Fact]
    public void Section5_NoAcceptableOffer_Declines()
    {
        Assert.False(DeflateNegotiation.TryAccept([], Defaults, out _, out _));
        Assert.False(DeflateNegotiation.TryAccept(["x-foo", "permessage-deflate; x"], Defaults, out _, out var response));
        Assert.Equal("", response);
    }

    [Fact]
    public void Section7_1_BareResponse_LeavesEverythingAtItsDefault()
    {
        Assert.True(DeflateNegotiation.TryParseResponse("permessage-deflate", Defaults, out var agreed, out _));
        Assert.Equal(new DeflateParameters(false, false, 15, 15), agreed);
    }

    [Fact]
    public void Section7_1_FullResponse_IsAgreed()
    {
        const string response = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=10";
        Assert.True(DeflateNegotiation.TryParseResponse(response, Defaults, out var agreed, out _));
        Assert.Equal(new DeflateParameters(true, true, 9, 10), agreed);
    }

    [Theory]
    [InlineData("permessage-deflate", 12, 12)]
    [InlineData("permessage-deflate; client_max_window_bits=10", 10, 10)]
    [InlineData("permessage-deflate; client_max_window_bits=12", 15, 12)]
    public void Section7_1_2_2_ClientCompressesWithTheSmallerOfBothWindows(string response, int clientLimit, int expected)
    {
        var offered = new PerMessageDeflateOptions { ClientMaxWindowBits = clientLimit };
        Assert.True(DeflateNegotiation.TryParseResponse(response, offered, out var agreed, out _));
        Assert.Equal(expected, agreed.ClientMaxWindowBits);
    }

    [Fact]
    public void Section7_1_1_2_ClientKeepsItsOwnNoContextTakeover_WhenTheServerIsSilent()
    {
        var offered = new PerMessageDeflateOptions { ClientNoContextTakeover = true };
        Assert.True(DeflateNegotiation.TryParseResponse("permessage-deflate", offered, out var agreed, out _));
        Assert.True(agreed.ClientNoContextTakeover);
    }

    [Fact]
    public void Section7_1_2_1_ServerWindowWithinTheRequest_IsAccepted()
    {
        var offered = new PerMessageDeflateOptions { ServerMaxWindowBits = 10 };
        Assert.True(DeflateNegotiation.TryParseResponse("permessage-deflate; server_max_window_bits=9", offered, out var agreed, out _));
        Assert.Equal(9, agreed.ServerMaxWindowBits);
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits=")]
    [InlineData("x-webkit-deflate-frame")]
    [InlineData("permessage-deflate, permessage-deflate")]
    [InlineData("permessage-deflate, x-foo")]
    [InlineData("permessage-deflate; mux")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10; server_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits")]
    [InlineData("permessage-deflate; server_max_window_bits")]
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; client_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=\"08\"")]
    [InlineData("permessage-deflate; client_no_context_takeover=yes")]
    public void Section7_1_MalformedOrUnexpectedResponses_AreRejected(string response)
    {
        Reject(Defaults, response);
    }

    [Fact]
    public void Section7_1_1_1_UnconfirmedServerNoContextTakeover_IsRejected()
    {
        var error = Reject(new PerMessageDeflateOptions { ServerNoContextTakeover = true }, "permessage-deflate");
        Assert.Contains("server_no_context_takeover", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permessage-deflate")]
    [InlineData("permessage-deflate; server_max_window_bits=11")]
    [InlineData("permessage-deflate; server_max_window_bits=15")]
    public void Section7_1_2_1_ServerWindowMissingOrWiderThanRequested_IsRejected(string response)
    {
        var error = Reject(new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, response);
        Assert.Contains("server_max_window_bits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Section7_1_2_2_ClientWindowWiderThanOffered_IsRejected()
    {
        var error = Reject(new PerMessageDeflateOptions { ClientMaxWindowBits = 10 }, "permessage-deflate; client_max_window_bits=11");
        Assert.Contains("client_max_window_bits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOffer_IsAccepted_AndBothSidesAgree()
    {
        var options = Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[8, 15], Gen.Int[8, 15]).Select((c, s, sw, cw) =>
            new PerMessageDeflateOptions { ClientNoContextTakeover = c, ServerNoContextTakeover = s, ServerMaxWindowBits = sw, ClientMaxWindowBits = cw });
        Gen.Select(options, options).Sample((client, server) =>
        {
            var (onServer, response) = Accept(server, DeflateNegotiation.CreateOffer(client));
            Assert.True(DeflateNegotiation.TryParseResponse(response, client, out var onClient, out var error), error);

            // The server compresses as the client expects, and the client never exceeds what the server expects.
            Assert.Equal(onServer.ServerNoContextTakeover, onClient.ServerNoContextTakeover);
            Assert.Equal(onServer.ServerMaxWindowBits, onClient.ServerMaxWindowBits);
            Assert.True(onClient.ClientNoContextTakeover || !onServer.ClientNoContextTakeover);
            Assert.InRange(onClient.ClientMaxWindowBits, 8, onServer.ClientMaxWindowBits);
            Assert.InRange(onServer.ServerMaxWindowBits, 8, Math.Min(client.ServerMaxWindowBits, server.ServerMaxWindowBits));
        }, iter: 500);
    }
}
