package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Specs looks for the vendor specs, and what it says when they are not there. */
class SpecsTest {
  @TempDir Path dir;

  Path checkout() throws Exception {
    Path root = Files.createDirectories(dir.resolve("work/runway"));
    Files.writeString(root.resolve("mvnw"), "");
    Files.createDirectories(root.resolve("render"));
    return root;
  }

  @Test
  void theSystemPropertyWinsOverTheVariableAndTheFoldersBesideTheCheckout() throws Exception {
    Path root = checkout();
    Path explicit = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(dir.resolve("work/shared/specs"));
    Path env = Files.createDirectories(dir.resolve("env"));
    assertThat(Specs.locate(explicit.toString(), env.toString(), root.toString(), root).found).isEqualTo(explicit);
    assertThat(Specs.locate(null, env.toString(), root.toString(), root).found).isEqualTo(env);
    assertThat(Specs.locate(" ", "", root.toString(), root.resolve("render")).found)
        .isEqualTo(dir.resolve("work/shared/specs"));
  }

  @Test
  void aRelativeSettingIsTakenFromTheCheckoutRoot() throws Exception {
    Path root = checkout();
    Path specs = Files.createDirectories(dir.resolve("work/vendor-specs"));
    assertThat(Specs.locate("../vendor-specs", null, root.toString(), root.resolve("render")).found).isEqualTo(specs);
  }

  @Test
  void aConfiguredFolderThatDoesNotExistIsAnErrorNamingIt() throws Exception {
    Path root = checkout();
    Files.createDirectories(dir.resolve("work/shared/specs"));
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> Specs.locate(missing.toString(), null, root.toString(), root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("-Drunway.specs=" + missing + ": no such folder (" + missing + "); point it at the vendor specs"
            + " folder, or run scripts/fetch-specs and leave it unset");
    assertThatThrownBy(() -> Specs.locate(null, "nowhere", root.toString(), root))
        .hasMessage("RUNWAY_SPECS=nowhere: no such folder (" + root.resolve("nowhere") + "); point it at the vendor"
            + " specs folder, or run scripts/fetch-specs and leave it unset");
  }

  @Test
  void theFetchedFolderInTheCheckoutComesLast() throws Exception {
    Path root = checkout();
    Path fetched = Files.createDirectories(root.resolve(".runway/specs"));
    assertThat(Specs.locate(null, null, root.toString(), root.resolve("render")).found).isEqualTo(fetched);
    // found from a module folder too, when the build did not say where the checkout is
    assertThat(Specs.locate(null, null, null, root.resolve("render")).found).isEqualTo(fetched);
    Path shared = Files.createDirectories(dir.resolve("work/shared/specs"));
    assertThat(Specs.locate(null, null, root.toString(), root).found).isEqualTo(shared);
  }

  @Test
  void withoutAFolderItSaysEveryPlaceItLooked() throws Exception {
    Path root = checkout();
    Specs.Location l = Specs.locate(null, null, root.toString(), root.resolve("render"));
    assertThat(l.found).isNull();
    assertThat(l.looked).containsExactly("shared/specs in " + root + " and above", root.resolve(".runway/specs").toString());
  }

  @Test
  void aMissingSpecSkipsOutsideCiAndFailsUnderItWithTheSameMessage() throws Exception {
    Path root = checkout();
    Specs.Location l = Specs.locate(null, null, root.toString(), root);
    String message = "render/render-yaml.schema.json: vendor specs not found (looked in shared/specs in " + root
        + " and above, " + root.resolve(".runway/specs") + "); run scripts/fetch-specs, or pass -Drunway.specs=DIR"
        + " or RUNWAY_SPECS";
    assertThat(Specs.missing("render/render-yaml.schema.json", l, false))
        .isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessage(message);
    assertThat(Specs.missing("render/render-yaml.schema.json", l, true))
        .isInstanceOf(AssertionError.class)
        .hasMessage(message + " (CI=true: contract tests fail instead of skipping)");
  }

  @Test
  void theSummaryLineNamesTheCountAndTheWaysToGetTheSpecs() {
    assertThat(SpecsSummary.line(0, 0)).isEmpty();
    assertThat(SpecsSummary.line(14, 0)).isEqualTo("runway: 14 contract tests skipped: vendor specs not found"
        + " (run scripts/fetch-specs, or pass -Drunway.specs=DIR or RUNWAY_SPECS)");
    assertThat(SpecsSummary.line(1, 0)).startsWith("runway: 1 contract test skipped: ");
    assertThat(SpecsSummary.line(0, 3)).isEqualTo("runway: 3 contract tests failed: vendor specs not found and CI=true"
        + " (run scripts/fetch-specs, or pass -Drunway.specs=DIR or RUNWAY_SPECS)");
  }

  @Test
  void aLazyValueIsBuiltOnceAndAFailedBuildIsTriedAgain() {
    int[] builds = {0};
    java.util.function.Supplier<String> lazy = Specs.lazily(() -> {
      if (builds[0]++ == 0) throw new IllegalStateException("first");
      return "built";
    });
    assertThatThrownBy(lazy::get).hasMessage("first");
    assertThat(lazy.get()).isEqualTo("built");
    assertThat(lazy.get()).isEqualTo("built");
    assertThat(builds[0]).isEqualTo(2);
  }
}
