package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvCheckTest {
  @TempDir Path dir;

  private Path file;

  private Problems check(String text) throws IOException {
    file = dir.resolve(".env");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return Dotenv.check(file);
  }

  private static List<String> codes(Problems problems) {
    return problems.all().stream().map(p -> p.code() + "@" + p.origin().orElseThrow().line()).toList();
  }

  @Test
  void aCleanFileHasNoProblems() throws IOException {
    assertThat(check("""
        # comment
        export PORT=10000
        URL=https://example.com/a?b=c # note
        QUOTED="a # not a comment"
        HASH="#ff0000"
        PEM="-----BEGIN-----\\nabc\\n-----END-----"
        REF=${PORT}
        EMPTY=
        """).all()).isEmpty();
  }

  @Test
  void aCommentWhereTheValueShouldBeIsAWarningAndIsStillReadAsComposeReadsIt() throws IOException {
    Problems problems = check("SECRET_KEY= # set me\n");
    assertThat(problems.all()).extracting(Problem::toString).containsExactly("WARNING READERS_DIFFER " + file
        + ":1: SECRET_KEY: is followed by a comment and no value: Docker Compose (and Runway) read the comment text as the"
        + " value, Next.js (motdotla/dotenv) reads an empty value (the value is not shown); for an empty value write"
        + " SECRET_KEY= with the comment on its own line above; for a value starting with #, quote it: SECRET_KEY=\"#...\"");
    // The reading stays compose-go's, as docs/dotenv.md documents.
    assertThat(Dotenv.read(file).values().get("SECRET_KEY")).isEqualTo("# set me");
  }

  @Test
  void aHashThatNextJsReadsAsACommentIsAWarning() throws IOException {
    Problems problems = check("COLOR=#ff0000\nPASSWORD=abc#123\nOK=abc #123\n");
    assertThat(codes(problems)).containsExactly("READERS_DIFFER@1", "READERS_DIFFER@2");
    assertThat(problems.all().get(1).text()).isEqualTo(file + ":2: PASSWORD: has a # inside its unquoted value: Docker"
        + " Compose (and Runway) keep it, Next.js (motdotla/dotenv) cuts the value there (the value is not shown); quote the"
        + " value: PASSWORD=\"...\"");
  }

  @Test
  void otherReadersDifferencesAreWarnings() throws IOException {
    Problems problems = check("""
        TICKS=`text`
        JSON="{\\"a\\":1}"
        NEWLINE="a\\nb"
        SINGLE='it\\'s'
        1ST=x
        NAME[0]=x
        """);
    assertThat(codes(problems)).containsExactly("READERS_DIFFER@1", "READERS_DIFFER@2", "READERS_DIFFER@4",
        "READERS_DIFFER@5", "READERS_DIFFER@6");
  }

  @Test
  void aNameAssignedTwiceIsAWarningAtTheSecondLine() throws IOException {
    Problems problems = check("A=1\nB=2\nA=3\n");
    assertThat(problems.all()).extracting(Problem::toString).containsExactly("WARNING DUPLICATE " + file + ":3: A: is"
        + " assigned again (first at line 1); Docker Compose and Next.js both keep this last value, so the first one is dead;"
        + " remove one of the two lines");
  }

  @Test
  void everySyntaxErrorIsReportedWithItsLineNotOnlyTheFirst() throws IOException {
    Problems problems = check("A=1\nbad name=1\nD=\"x\"y\nC=2\nB=\"unterminated\n");
    assertThat(codes(problems)).containsExactly("MALFORMED@2", "MALFORMED@3", "MALFORMED@5");
    assertThat(problems.errors().get(2).text()).isEqualTo(file + ":5: syntax: unterminated double-quoted value for B; add"
        + " the closing \" (the value is not shown)");
  }

  @Test
  void valuesNeverAppearInProblems() throws IOException {
    String secret = "sk-proj-" + "q1w2e3r4t5y6u7i8o9p0asdf";
    Problems problems = check("OPENAI_API_KEY=" + secret + "#x\nOPENAI_API_KEY= #" + secret + "\nTOKEN=\"" + secret
        + "\\t\"\nBROKEN=\"" + secret + "\n");
    assertThat(problems.all()).hasSize(5);
    assertThat(problems.toText() + problems.toJson()).doesNotContain(secret).doesNotContain("q1w2e3");
  }

  @Test
  void notUtf8AndUnreadableFilesAreProblemsNotExceptions() throws IOException {
    file = dir.resolve(".env.bad");
    Files.write(file, new byte[] {'A', '=', (byte) 0xC3, '\n'});
    assertThat(codes(Dotenv.check(file))).containsExactly("MALFORMED@1");
    assertThat(Dotenv.check(dir.resolve("absent")).all()).extracting(Problem::code).containsExactly("MISSING");
  }

  @Test
  void parsingIsUnchangedByTheCheck() {
    DotenvFile f = Dotenv.parse("A= # c\nB=a#b\n", Origin.of("test"), n -> Optional.empty());
    assertThat(f.values()).containsEntry("A", "# c").containsEntry("B", "a#b");
  }
}
