using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Tests.ArtistConfigs;
using Xunit;
using Xunit.Abstractions;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class DoubleMetaphoneTests
{
    // The examples of Philips' article and of the widely reproduced test suites, with the customary
    // 4-character keys. The comment names the rule each one exercises.
    [Theory]
    [InlineData("Smith", "SM0", "XMT")]          // initial S before M/N/L/W; TH
    [InlineData("Schmidt", "XMT", "SMT")]        // initial SCH before a consonant; DT
    [InlineData("Snider", "SNTR", "XNTR")]
    [InlineData("Schneider", "XNTR", "SNTR")]
    [InlineData("Jose", "HS", "HS")]             // Spanish JOSE
    [InlineData("Caesar", "SSR", "SSR")]         // CAESAR
    [InlineData("Chianti", "KNT", "KNT")]        // Italian CHIA
    [InlineData("Michael", "MKL", "MXL")]        // CHAE
    [InlineData("chemistry", "KMST", "KMST")]    // Greek initial CH
    [InlineData("chorus", "KRS", "KRS")]
    [InlineData("character", "KRKT", "KRKT")]
    [InlineData("chore", "XR", "XR")]            // ... but not CHORE
    [InlineData("orchestra", "ARKS", "ARKS")]    // ORCHES, ARCHIT, ORCHID
    [InlineData("architect", "ARKT", "ARKT")]
    [InlineData("orchid", "ARKT", "ARKT")]
    [InlineData("Wachtler", "AKTL", "FKTL")]     // Germanic -ACH-; initial W before a vowel
    [InlineData("Wechsler", "AKSL", "FKSL")]     // CH before S
    [InlineData("Tichner", "TXNR", "TKNR")]      // CH otherwise X, alternate K
    [InlineData("McHugh", "MK", "MK")]           // MC + CH; Parker's rule for GH
    [InlineData("McClellan", "MKLL", "MKLL")]    // MCC is not double C
    [InlineData("Bacchus", "PKS", "PKS")]        // CCHU: Pierce's rule
    [InlineData("Bellocchio", "PLX", "PLX")]     // Italian CCH
    [InlineData("accident", "AKST", "AKST")]     // ACC before I/E
    [InlineData("accede", "AKST", "AKST")]
    [InlineData("succeed", "SKST", "SKST")]      // UCCEE
    [InlineData("focaccia", "FKX", "FKX")]       // CIA
    [InlineData("Czerny", "SRN", "XRN")]         // CZ
    [InlineData("Edge", "AJ", "AJ")]             // initial vowel; DGE
    [InlineData("ghislane", "JLN", "JLN")]       // initial GHI; ISL
    [InlineData("laugh", "LF", "LF")]            // UGH after C, G, L, R, T
    [InlineData("cough", "KF", "KF")]
    [InlineData("rough", "RF", "RF")]
    [InlineData("tough", "TF", "TF")]
    [InlineData("gough", "KF", "KF")]
    [InlineData("hugh", "H", "H")]               // Parker's rule: silent GH after B, H, D
    [InlineData("bough", "P", "P")]
    [InlineData("Broughton", "PRTN", "PRTN")]
    [InlineData("McLaughlin", "MKLF", "MKLF")]
    [InlineData("cagney", "KKN", "KKN")]         // GNEY
    [InlineData("tagliaro", "TKLR", "TLR")]      // GLI
    [InlineData("biaggi", "PJ", "PK")]           // Italian AGGI
    [InlineData("danger", "TNJR", "TNKR")]       // DANGER is not -GER-
    [InlineData("geoff", "JF", "KF")]
    [InlineData("Rogier", "RJ", "RJR")]          // French -IER: soft G, final R only in the alternate
    [InlineData("Hochmeier", "HKMR", "HKMR")]    // ... but not after ME
    [InlineData("bajador", "PJTR", "PHTR")]      // Spanish J between vowels
    [InlineData("Jankelowicz", "JNKL", "ANKL")]  // initial J
    [InlineData("Yankelovich", "ANKL", "ANKL")]
    [InlineData("gallegos", "KLKS", "KKS")]      // Spanish LL
    [InlineData("cabrillo", "KPRL", "KPR")]
    [InlineData("cambrillo", "KMPR", "KMPR")]
    [InlineData("dumb", "TM", "TM")]             // final UMB
    [InlineData("Thumbail", "0MPL", "TMPL")]     // ... but not otherwise
    [InlineData("Campbell", "KMPL", "KMPL")]     // PB
    [InlineData("raspberry", "RSPR", "RSPR")]
    [InlineData("Thomas", "TMS", "TMS")]         // THOM, THAM
    [InlineData("Thames", "TMS", "TMS")]
    [InlineData("katherine", "K0RN", "KTRN")]
    [InlineData("catherine", "K0RN", "KTRN")]
    [InlineData("richard", "RXRT", "RKRT")]
    [InlineData("Through", "0R", "TR")]
    [InlineData("sugar", "XKR", "SKR")]          // SUGAR
    [InlineData("island", "ALNT", "ALNT")]       // ISL
    [InlineData("isle", "AL", "AL")]
    [InlineData("carlisle", "KRLL", "KRLL")]
    [InlineData("carlysle", "KRLL", "KRLL")]     // YSL
    [InlineData("school", "SKL", "SKL")]         // Dutch SCH
    [InlineData("schooner", "SKNR", "SKNR")]
    [InlineData("Schenker", "XNKR", "SKNK")]
    [InlineData("Schermerhorn", "XRMR", "SKRM")]
    [InlineData("Schwein", "XN", "XFN")]         // SCHW; W after SCH
    [InlineData("resnais", "RSN", "RSNS")]       // French final S
    [InlineData("artois", "ART", "ARTS")]
    [InlineData("Wright", "RT", "RT")]           // initial WR
    [InlineData("gnome", "NM", "NM")]            // initial GN
    [InlineData("knight", "NT", "NT")]           // initial KN
    [InlineData("Wasserman", "ASRM", "FSRM")]    // initial W before a vowel
    [InlineData("Vasserman", "FSRM", "FSRM")]
    [InlineData("Womo", "AM", "FM")]
    [InlineData("Uomo", "AM", "AM")]
    [InlineData("Arnow", "ARN", "ARNF")]         // final W after a vowel
    [InlineData("Filipowicz", "FLPT", "FLPF")]   // WICZ
    [InlineData("Xavier", "SF", "SFR")]          // initial X
    [InlineData("Xerxes", "SRKS", "SRKS")]
    [InlineData("breaux", "PR", "PR")]           // French final X
    [InlineData("Zhao", "J", "J")]               // ZH
    [InlineData("ACCESSIBLE", "AKSS", "AKSS")]
    public void Gives_the_published_four_character_keys(string word, string primary, string alternate) =>
        Assert.Equal(new MetaphoneKeys(primary, alternate), DoubleMetaphone.Encode(word, maxLength: 4));

    // Keys are full length unless asked otherwise.
    [Theory]
    [InlineData("Thompson", "TMPSN", "TMPSN")]   // TH before OM is T; the P is not silent
    [InlineData("Filipowicz", "FLPTS", "FLPFX")]
    [InlineData("Jankelowicz", "JNKLTS", "ANKLFX")]
    [InlineData("Yankelovich", "ANKLFX", "ANKLFK")]
    [InlineData("chemistry", "KMSTR", "KMSTR")]
    [InlineData("ACCESSIBLE", "AKSSPL", "AKSSPL")]
    [InlineData("Xerxes", "SRKSS", "SRKSS")]
    [InlineData("orchestra", "ARKSTR", "ARKSTR")]
    [InlineData("architect", "ARKTKT", "ARKTKT")]
    [InlineData("accident", "AKSTNT", "AKSTNT")]
    [InlineData("McLaughlin", "MKLFLN", "MKLFLN")]
    [InlineData("Schermerhorn", "XRMRRN", "SKRMRRN")]
    [InlineData("Wasserman", "ASRMN", "FSRMN")]
    [InlineData("cambrillo", "KMPRL", "KMPR")]
    public void Gives_full_length_keys_by_default(string word, string primary, string alternate) =>
        Assert.Equal(new MetaphoneKeys(primary, alternate), DoubleMetaphone.Encode(word));

    [Fact]
    public void Cuts_keys_at_the_maximum_length()
    {
        Assert.Equal(new MetaphoneKeys("AKSSPL", "AKSSPL"), DoubleMetaphone.Encode("ACCESSIBLE", maxLength: 6));
        Assert.Equal(new MetaphoneKeys("S", "X"), DoubleMetaphone.Encode("Smith", maxLength: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleMetaphone.Encode("Smith", maxLength: 0));
    }

    [Theory]
    [InlineData("\u00E7", "S")]                  // Ç
    [InlineData("Fa\u00E7ade", "FST")]
    [InlineData("\u00F1", "N")]                  // Ñ
    [InlineData("Se\u00F1or", "SNR")]
    public void Encodes_c_cedilla_and_n_tilde(string word, string key) =>
        Assert.Equal(new MetaphoneKeys(key, key), DoubleMetaphone.Encode(word));

    [Theory]
    [InlineData("SMITH", "smith")]
    [InlineData("sMiTh", "smith")]
    [InlineData("Jos\u00E9", "Jose")]            // accented letters read as their base letter
    [InlineData("Jose\u0301", "Jose")]           // ... also when decomposed
    [InlineData("O'Brien", "OBrien")]            // non-letters are ignored
    [InlineData("Ph-il-lis 2", "Phillis")]
    public void Ignores_case_accents_and_non_letters(string word, string same) =>
        Assert.Equal(DoubleMetaphone.Encode(same), DoubleMetaphone.Encode(word));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!?-'")]
    [InlineData("1234")]
    [InlineData("H")]                            // a lone H or W has no sound of its own
    [InlineData("W")]
    public void Encodes_words_without_sounds_as_empty_keys(string word) =>
        Assert.Equal(new MetaphoneKeys("", ""), DoubleMetaphone.Encode(word));

    [Theory]
    [InlineData("Dark Star", "TRK STR", "TRK STR")]
    [InlineData("  Dark---Star!! ", "TRK STR", "TRK STR")]
    [InlineData("Playin in the Band", "PLN AN 0 PNT", "PLN AN T PNT")]
    [InlineData("Uncle John's Band", "ANKL JNS PNT", "ANKL ANS PNT")] // apostrophes join their word
    [InlineData("Ain't", "ANT", "ANT")]
    [InlineData("Route 66", "RT 66", "RT 66")]                         // digits are kept as tokens
    [InlineData("4th of July", "4 0 AF JL", "4 T AF AL")]
    [InlineData("Wha H Band", "A PNT", "A PNT")]                       // a word without a key adds nothing
    [InlineData("San Jacinto", "SN HSNT", "SN HSNT")]                  // J after San is Spanish
    [InlineData("Jacinto", "JSNT", "ASNT")]
    [InlineData("Von Goethe", "FN KT", "FN KT")]                       // a word after Van/Von is Germanic
    [InlineData("Goethe", "K0", "KT")]
    public void Encodes_phrases_word_by_word(string phrase, string primary, string alternate) =>
        Assert.Equal(new MetaphoneKeys(primary, alternate), DoubleMetaphone.EncodePhrase(phrase));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("--- / ---")]
    [InlineData("H W")]
    public void Encodes_phrases_without_sounds_as_empty_keys(string phrase) =>
        Assert.Equal(new MetaphoneKeys("", ""), DoubleMetaphone.EncodePhrase(phrase));

    [Theory]
    [InlineData("Phillis", "Phyllis")]
    [InlineData("Twezer", "Tweezer")]
    [InlineData("The Flu", "The Flue")]
    [InlineData("Sugar Magnolia", "sugar  magnolia")]
    public void Misspellings_share_both_keys(string a, string b)
    {
        Assert.Equal(DoubleMetaphone.EncodePhrase(a), DoubleMetaphone.EncodePhrase(b));
        Assert.Equal(DoubleMetaphone.Encode(a), DoubleMetaphone.Encode(b));
    }

    [Fact]
    public void The_flu_the_flue_and_the_flew_share_the_primary_key()
    {
        Assert.Equal(new MetaphoneKeys("FLS", "FLS"), DoubleMetaphone.EncodePhrase("Phyllis"));
        Assert.Equal(new MetaphoneKeys("TSR", "TTSR"), DoubleMetaphone.EncodePhrase("Tweezer"));
        Assert.Equal(new MetaphoneKeys("0 FL", "T FL"), DoubleMetaphone.EncodePhrase("The Flu"));

        // A final W after a vowel is F in the alternate key ("Arnow" / "Arnoff").
        Assert.Equal(new MetaphoneKeys("0 FL", "T FLF"), DoubleMetaphone.EncodePhrase("The Flew"));
    }

    [Fact]
    public void Shares_one_string_when_there_is_no_alternate()
    {
        var keys = DoubleMetaphone.Encode("Dark");
        Assert.Same(keys.Primary, keys.Alternate);
    }

    [Fact]
    public void Works_beyond_the_stack_buffer()
    {
        Assert.Equal(new string('P', 500), DoubleMetaphone.Encode(new string('b', 1000)).Primary);

        var phrase = string.Join(" ", Enumerable.Repeat("Dark Star", 200));
        var key = string.Join(" ", Enumerable.Repeat("TRK STR", 200));
        Assert.Equal(new MetaphoneKeys(key, key), DoubleMetaphone.EncodePhrase(phrase));
    }

    [Fact]
    public void Is_deterministic_and_thread_safe()
    {
        var names = SongNames();
        var first = names.Select(name => DoubleMetaphone.EncodePhrase(name)).ToArray();
        var second = names.Select(name => DoubleMetaphone.EncodePhrase(name)).ToArray();
        Assert.Equal(first, second);

        var parallel = new MetaphoneKeys[names.Length];
        Parallel.For(0, names.Length * 20, i => parallel[i % names.Length] = DoubleMetaphone.EncodePhrase(names[i % names.Length]));
        Assert.Equal(first, parallel);
    }

    private static string[] SongNames() =>
        File.ReadAllLines(TestPaths.Fixture("matching", "grateful-dead-songs.txt")).Where(line => line.Length > 0).ToArray();
}
