package dev.runway.monitor.internal;

import dev.runway.pipeline.ActionPins;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The monitor workflow's text. Written by hand rather than through a YAML mapper because each
 * {@code uses:} carries its release tag as a comment beside the pinned SHA (what people and
 * Dependabot read), and a mapper cannot write comments. Every value from the user goes in single
 * quotes or through {@code env:}; no {@code run:} script contains a {@code ${{ }}} expression.
 */
public final class WorkflowYaml {
  /** Everything the text depends on. */
  public record Spec(String name, String cron, String run, List<String> secrets, boolean writesContents,
      @Nullable String pageFile, boolean pages, String runwayVersion, String installUrl, @Nullable String sha256,
      long timeoutMinutes, List<String> notes) {}

  private WorkflowYaml() {}

  /** Refuses what could break out of a quoted YAML scalar or a shell word. */
  public static void requireSafe(String what, String value) {
    if (value.isEmpty() || !value.matches("[A-Za-z0-9._/:{}+=%@~,-]+") || value.contains("${{")) {
      throw new IllegalArgumentException("monitor: workflow: " + what + " '" + value + "' may hold only letters, digits and"
          + " . _ / : { } + = % @ ~ , -");
    }
  }

  public static String shellQuote(String s) {
    return s.matches("[A-Za-z0-9._/-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private static String q(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String uses(String action) {
    return "uses: " + ActionPins.uses(action) + " # " + ActionPins.version(action);
  }

  public static String render(Spec s) {
    StringBuilder y = new StringBuilder();
    y.append("# Written by 'runway monitor export' from runway.conf; change runway.conf and export again.\n");
    for (String n : s.notes()) y.append("# ").append(n).append('\n');
    y.append("name: ").append(q(s.name())).append('\n');
    y.append("on:\n  schedule:\n    - cron: ").append(q(s.cron())).append("\n  workflow_dispatch: {}\n");
    y.append("permissions: {}\n"); // nothing by default; each job asks for what it needs
    // One run at a time, none cancelled: a run that pushes history must finish before the next reads it.
    y.append("concurrency:\n  group: ").append(q("runway-" + s.name())).append("\n  cancel-in-progress: false\n");
    y.append("env:\n  RUNWAY_VERSION: ").append(q(s.runwayVersion())).append('\n');
    y.append("jobs:\n  monitor:\n    runs-on: ubuntu-latest\n    timeout-minutes: ").append(s.timeoutMinutes()).append('\n');
    y.append("    permissions:\n      contents: ").append(s.writesContents() ? "write" : "read").append('\n');
    y.append("    steps:\n");
    y.append("      - ").append(uses("actions/checkout")).append('\n');
    // The run pushes with the credentials checkout stores; without pushes, store none.
    y.append("        with:\n          persist-credentials: ").append(s.writesContents()).append('\n');
    y.append("      - ").append(uses("actions/setup-java")).append('\n');
    y.append("        with:\n          distribution: temurin\n          java-version: '17'\n");
    y.append("      - id: cache\n        ").append(uses("actions/cache")).append('\n');
    y.append("        with:\n          path: ~/.runway/dist/${{ env.RUNWAY_VERSION }}\n");
    y.append("          key: runway-dist-${{ env.RUNWAY_VERSION }}-${{ runner.os }}\n");
    y.append("      - name: Install Runway (only when the cache has none of this version)\n");
    y.append("        if: steps.cache.outputs.cache-hit != 'true'\n");
    y.append("        env:\n          RUNWAY_URL: ").append(q(s.installUrl())).append('\n');
    y.append("          RUNWAY_SHA256: ").append(q(s.sha256() == null ? "" : s.sha256())).append('\n');
    y.append("        run: |\n");
    y.append("          set -euo pipefail\n");
    y.append("          dir=\"$HOME/.runway/dist/$RUNWAY_VERSION\"\n");
    y.append("          curl -fsSL --retry 3 -o \"$RUNNER_TEMP/runway.tar.gz\" \"$RUNWAY_URL\"\n");
    y.append("          if [ -n \"$RUNWAY_SHA256\" ]; then echo \"$RUNWAY_SHA256  $RUNNER_TEMP/runway.tar.gz\" | sha256sum -c -; fi\n");
    y.append("          mkdir -p \"$dir\"\n");
    y.append("          tar -xzf \"$RUNNER_TEMP/runway.tar.gz\" -C \"$dir\" --strip-components=1\n");
    y.append("      - name: Put Runway on the PATH\n");
    y.append("        run: echo \"$HOME/.runway/dist/$RUNWAY_VERSION/bin\" >> \"$GITHUB_PATH\"\n");
    y.append("      - name: Check the endpoints\n        id: monitor\n");
    if (!s.secrets().isEmpty()) {
      y.append("        env:\n");
      for (String secret : s.secrets()) y.append("          ").append(secret).append(": ${{ secrets.").append(secret).append(" }}\n");
    }
    y.append("        run: |\n          ").append(s.run().replace("\n", "\n          ")).append('\n');
    if (s.pages() && s.pageFile() != null) {
      String page = s.pageFile();
      String json = page.replaceFirst("\\.[^./]*$", "") + ".json";
      // The page is uploaded even when an endpoint is down (the run then exits 1): that is when people look.
      y.append("      - name: Put the status page in a folder of its own\n        if: ${{ !cancelled() }}\n");
      y.append("        env:\n          PAGE: ").append(q(page)).append("\n          PAGE_JSON: ").append(q(json)).append('\n');
      y.append("        run: |\n");
      y.append("          mkdir -p \"$RUNNER_TEMP/status-site\"\n");
      y.append("          cp \"$PAGE\" \"$RUNNER_TEMP/status-site/index.html\"\n");
      y.append("          cp \"$PAGE\" \"$RUNNER_TEMP/status-site/status.html\"\n");
      y.append("          cp \"$PAGE_JSON\" \"$RUNNER_TEMP/status-site/status.json\"\n");
      y.append("      - if: ${{ !cancelled() }}\n        ").append(uses("actions/upload-pages-artifact")).append('\n');
      y.append("        with:\n          path: ${{ runner.temp }}/status-site\n");
      y.append("  deploy:\n    needs: monitor\n    if: ${{ !cancelled() }}\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n");
      y.append("    permissions:\n      pages: write\n      id-token: write\n");
      y.append("    environment:\n      name: github-pages\n      url: ${{ steps.deploy.outputs.page_url }}\n");
      y.append("    steps:\n");
      y.append("      - ").append(uses("actions/configure-pages")).append('\n');
      y.append("      - id: deploy\n        ").append(uses("actions/deploy-pages")).append('\n');
    }
    return y.toString();
  }
}
