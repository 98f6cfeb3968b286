package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotenvTest {
  private static final Function<String, Optional<String>> NONE = n -> Optional.empty();
  private static final Origin PROD = Origin.file(Path.of(".env.production"));

  private static Map<String, String> parse(String text) {
    return Dotenv.parse(text, PROD, NONE).values();
  }

  private static RunwayException.ParseFailed failure(String text) {
    return catchThrowableOfType(RunwayException.ParseFailed.class, () -> Dotenv.parse(text, PROD, NONE));
  }

  // compose-go dotenv/godotenv_test.go TestParsing / TestExpanding cases (stored version dc96d82d).
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      FOO=bar                              | FOO     | bar
      FOO =bar                             | FOO     | bar
      FOO= bar                             | FOO     | bar
      FOO="bar"                            | FOO     | bar
      FOO='bar'                            | FOO     | bar
      FOO="escaped\\"bar"                  | FOO     | escaped"bar
      FOO="'d'"                            | FOO     | 'd'
      OPTION_A: 1                          | OPTION_A| 1
      OPTION_A: Foo=bar                    | OPTION_A| Foo=bar
      OPTION_A=1:B                         | OPTION_A| 1:B
      export OPTION_A=2                    | OPTION_A| 2
      export exportFoo=2                   | exportFoo| 2
      exportFOO=2                          | exportFOO| 2
      export_FOO =2                        | export_FOO| 2
      export.FOO= 2                        | export.FOO| 2
      ~export OPTION_A="export A"~         | OPTION_A| export A
      FOO.BAR=foobar                       | FOO.BAR | foobar
      FOO=foobar=                          | FOO     | foobar=
      ~FOO=bar ~                           | FOO     | bar
      FOO=bar # this is foo                | FOO     | bar
      FOO=bar #this is foo                 | FOO     | bar
      FOO=123#not-an-inline-comment        | FOO     | 123#not-an-inline-comment
      FOO="bar#baz" # comment              | FOO     | bar#baz
      FOO='bar#baz' # comment              | FOO     | bar#baz
      FOO="bar#baz"#                       | FOO     | bar#baz
      ~ KEY =value~                        | KEY     | value
      KEY="\\0123"                         | KEY     | S
      KEY="\\x07"                          | KEY     | \\x07
      FOO=a\\tb                            | FOO     | a\\tb
      BAR='quote $FOO'                     | BAR     | quote $FOO
      FOO="foo\\$BAR"                      | FOO     | foo$BAR
      FOO="foo\\${BAR}"                    | FOO     | foo${BAR}
      """)
  void readsTheCasesComposeGoTests(String line, String name, String value) {
    String unescapedLine = line.replace("\\\\", "\\");
    String unescapedValue = value.replace("\\\\", "\\");
    assertThat(parse(unescapedLine)).containsExactly(Map.entry(name, unescapedValue));
  }

  @Test
  void expandsEscapesInDoubleQuotesOnly() {
    assertThat(parse("A=\"a\\tb\"\nB=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\"\nC='a\\tb'"))
        .containsExactly(
            Map.entry("A", "a\tb"),
            Map.entry("B", "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\Z"),
            Map.entry("C", "a\\tb"));
  }

  @Test
  void expandsFromTheFileFirstThenTheLookup() {
    Map<String, String> env = Map.of("FOO", "from-env", "ONLY_ENV", "e", "EMPTY", "");
    DotenvFile f = Dotenv.parse(
        "A=$ONLY_ENV\nFOO=file\nB=${FOO}\nC=${MISSING:-dflt}\nD=${EMPTY:-dflt}\nE=${EMPTY-dflt}\nF=${MISSING-x}$$",
        PROD, n -> Optional.ofNullable(env.get(n)));
    assertThat(f.values()).containsExactly(
        Map.entry("A", "e"), Map.entry("FOO", "file"), Map.entry("B", "file"), Map.entry("C", "dflt"),
        Map.entry("D", "dflt"), Map.entry("E", ""), Map.entry("F", "x$"));
  }

  @Test
  void takesABareNameFromTheLookupAndLeavesItOutWhenTheLookupHasNone() {
    DotenvFile f = Dotenv.parse("A=1\nINHERITED\nMISSING\nB=2\n", PROD,
        n -> n.equals("INHERITED") ? Optional.of("from-env") : Optional.empty());
    assertThat(f.values()).containsExactly(Map.entry("A", "1"), Map.entry("INHERITED", "from-env"), Map.entry("B", "2"));
    assertThat(f.entry("INHERITED").orElseThrow().origin()).isEqualTo(Origin.file(Path.of(".env.production"), 2));
  }

  @Test
  void keepsDuplicatesInEntriesAndTheLastInValues() {
    DotenvFile f = Dotenv.parse("A=1\nB=2\nA=3\n", PROD, NONE);
    assertThat(f.entries()).extracting(DotenvEntry::name).containsExactly("A", "B", "A");
    assertThat(f.values()).containsExactly(Map.entry("A", "3"), Map.entry("B", "2"));
    assertThat(f.entry("A").orElseThrow().origin().line()).isEqualTo(3);
    assertThat(f.entry("C")).isEmpty();
  }

  @Test
  void namesTheLineOfTheNameForAMultiLineValueAndCountsItsLines() {
    DotenvFile f = Dotenv.parse("\r\n# c\r\nPEM=\"a\r\nb\"\r\nNEXT=1\r\n", PROD, NONE);
    assertThat(f.entry("PEM").orElseThrow().value()).isEqualTo("a\nb");
    assertThat(f.entry("PEM").orElseThrow().origin().line()).isEqualTo(3);
    assertThat(f.entry("NEXT").orElseThrow().origin().line()).isEqualTo(5);
  }

  @Test
  void neverShowsTheValueInAnEntrysToString() {
    DotenvEntry e = Dotenv.parse("\nOPENAI_API_KEY=sk-live-123456", PROD, NONE).entries().get(0);
    assertThat(e.toString()).isEqualTo("OPENAI_API_KEY (.env.production:2)");
    assertThat(Dotenv.parse("A=sk-live-123456", PROD, NONE).toString()).doesNotContain("sk-live");
  }

  @Test
  void reportsAnUnterminatedDoubleQuoteWithFileLineAndFix() {
    RunwayException.ParseFailed e = failure("A=1\n\n\n\n\n\nDATABASE_URL=\"postgres://u:s3cr3t@db/app\nB=2\n");
    assertThat(e.getMessage()).isEqualTo(
        ".env.production:7: unterminated double-quoted value for DATABASE_URL; add the closing \" (the value is not shown)");
    assertThat(e.origin()).contains(Origin.file(Path.of(".env.production"), 7));
  }

  @Test
  void reportsAnUnterminatedSingleQuote() {
    assertThat(failure("KEY='value").getMessage()).isEqualTo(
        ".env.production:1: unterminated single-quoted value for KEY; add the closing ' (the value is not shown)");
  }

  @Test
  void reportsTextAfterAClosingQuoteOnTheSameLine() {
    assertThat(failure("KEY=\"abc\"def").getMessage()).isEqualTo(
        ".env.production:1: unexpected text after the closing \" of the value for KEY; escape a \" inside the value"
            + " as \\\", or start a comment with \" #\" (the value is not shown)");
  }

  @Test
  void reportsAnUnexpectedCharacterInAName() {
    assertThat(failure("lol$wut").getMessage()).isEqualTo(
        ".env.production:1: unexpected character '$' (U+0024) in a variable name; names use letters, digits and"
            + " _ . - [ ], and each line reads NAME=value (the line is not shown)");
  }

  @Test
  void reportsAMissingName() {
    assertThat(failure("=value").getMessage()).isEqualTo(
        ".env.production:1: an assignment has no variable name before the =; write NAME=value (the line is not shown)");
  }

  @Test
  void reportsARequiredVariableThatIsNotSet() {
    assertThat(failure("URL=${HOST:?set the host}/x").getMessage()).isEqualTo(
        ".env.production:1: URL: ${HOST:?...} requires HOST, which is not set; set HOST earlier in the file or in"
            + " the environment (the value is not shown)");
  }

  @Test
  void namesTheSourceAndLineWhenTheOriginIsNotAFile() {
    RunwayException.ParseFailed e = catchThrowableOfType(RunwayException.ParseFailed.class,
        () -> Dotenv.parse("A=1\nB=\"x", Origin.of("vercel:web"), NONE));
    assertThat(e.getMessage()).startsWith("vercel:web line 2: unterminated double-quoted value for B;");
  }

  @Test
  void readsAFileStrippingTheBomAndRefusesMalformedUtf8(@TempDir Path dir) throws Exception {
    Path good = dir.resolve(".env");
    Files.write(good, "\uFEFFA=é\n".getBytes(StandardCharsets.UTF_8));
    DotenvFile f = Dotenv.read(good, NONE);
    assertThat(f.values()).containsExactly(Map.entry("A", "é"));
    assertThat(f.source()).isEqualTo(Origin.file(good));

    Path bad = dir.resolve(".env.bad");
    Files.write(bad, new byte[] {'A', '=', '1', '\n', 'B', '=', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> Dotenv.read(bad, NONE))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage(bad + ":2: the file is not valid UTF-8 (byte 7); save it as UTF-8 (the line is not shown)");
  }

  @Test
  void reportsAMissingFileAsIoFailed(@TempDir Path dir) {
    Path missing = dir.resolve(".env.nope");
    assertThatThrownBy(() -> Dotenv.read(missing))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(missing + ": no such file; create it or check the path");
  }

  @Test
  void formatsSafeValuesBareAndQuotesAndEscapesTheRest() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("PORT", "10000");
    m.put("EMPTY", "");
    m.put("GREETING", "say \"hi\" to $USER\nbye # \\");
    assertThat(Dotenv.format(m)).isEqualTo("PORT=10000\nEMPTY=\nGREETING=\"say \\\"hi\\\" to \\$USER\\nbye # \\\\\"\n");
    assertThat(Dotenv.parse(Dotenv.format(m), PROD, n -> Optional.of("EXPANDED")).values()).isEqualTo(m);
  }

  @Test
  void refusesToFormatANameItCouldNotReadBack() {
    assertThatThrownBy(() -> Dotenv.format(Map.of("BAD NAME", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a dotenv variable name: 'BAD NAME'; names are non-empty and use letters, digits and _ . - [ ]");
  }

  @Test
  void writesAtomicallyKeepingPermissionsAndLeavingNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env.local");
    Files.writeString(file, "OLD=1\n");
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Dotenv.write(file, Map.of("SECRET", "s3cr3t value"));

    assertThat(Dotenv.read(file, NONE).values()).containsExactly(Map.entry("SECRET", "s3cr3t value"));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(".env.local");
    }
    if (posix) assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void reportsAWriteIntoAMissingFolderAsIoFailed(@TempDir Path dir) {
    Path file = dir.resolve("no/such/dir/.env");
    assertThatThrownBy(() -> Dotenv.write(file, Map.of("A", "1")))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(file + ": cannot write the file (no such file or folder); check that the folder exists and is writable");
  }
}
