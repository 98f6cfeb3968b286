package dev.runway.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user gets who depends on one Runway module: its runtime class path as Maven resolves it for
 * a consumer project (runway-bom imported, that module alone declared), held to a budget in bytes of
 * jars, slf4j-api not counted (every Java service has it). The budgets are the where it set
 * one (core 4 MB; health 1.5 MB, held here to 300 KB since it needs far less) and otherwise today's size with a little room, so that nothing
 * creeps in unnoticed: raising one is a decision, made in this file.
 */
class FootprintIT {
  private static final long KB = 1000;
  private static final long MB = 1000 * KB;

  /** Module, budget, and artifacts (file-name fragments) it must never pull in. */
  private record Budget(String artifact, long bytes, List<String> forbidden) {}

  private static final List<String> HEAVY = List.of("sqlite", "kotlin", "okhttp", "okio", "snakeyaml", "jackson");

  private static final List<Budget> BUDGETS = List.of(
      new Budget("runway-base", 150 * KB, HEAVY),
      new Budget("runway-health", 300 * KB, HEAVY),
      new Budget("runway-core", 4 * MB, List.of("sqlite", "kotlin", "okhttp", "okio", "snakeyaml", "yaml")),
      new Budget("runway-test", 700 * KB, HEAVY),
      new Budget("runway-notify", 6500 * KB, List.of("sqlite", "snakeyaml")),
      new Budget("runway-security", 4 * MB, List.of("sqlite", "kotlin", "okhttp", "snakeyaml")),
      new Budget("runway-sync", 4 * MB, List.of("sqlite", "kotlin", "okhttp", "snakeyaml")),
      new Budget("runway-pipeline", 9 * MB, List.of("sqlite")),
      new Budget("runway-monitor", 9 * MB, List.of("sqlite")),
      new Budget("runway-render", 9 * MB, List.of("sqlite")),
      new Budget("runway-vercel", 9 * MB, List.of("sqlite")),
      new Budget("runway-supabase", 9 * MB, List.of("sqlite")),
      new Budget("runway-docker-sim", 9 * MB, List.of("sqlite")),
      new Budget("runway-observability", 12 * MB, List.of("sqlite")),
      // Adapters: the framework itself is provided by the application, so it is not counted.
      new Budget("runway-servlet", 300 * KB, HEAVY),
      new Budget("runway-javalin", 300 * KB, HEAVY),
      new Budget("runway-spring-boot", 4 * MB, List.of("sqlite", "kotlin", "okhttp", "okio", "snakeyaml", "spring")));

  private static final Map<String, List<Path>> CLASS_PATHS = new LinkedHashMap<>();

  @BeforeAll
  static void resolveEveryConsumer() throws Exception {
    Path dir = Path.of(System.getProperty("runway.footprint.dir"));
    Path runwayRepo = Path.of(System.getProperty("runway.footprint.repo")).toAbsolutePath();
    Path mavenRepo = Path.of(System.getProperty("runway.maven.repo")).toAbsolutePath();
    String version = System.getProperty("runway.version");
    Path root = Path.of(System.getProperty("runway.root")).toAbsolutePath();
    Files.createDirectories(dir);
    // The consumers' own local repository caches Runway's snapshots between runs: drop them, so
    // that this build's artifacts (fresh in target/runway-repo) are the ones resolved.
    deleteTree(dir.resolve("m2").resolve("dev").resolve("runway"));
    StringBuilder modules = new StringBuilder();
    for (Budget b : BUDGETS) {
      Path consumer = dir.resolve(b.artifact());
      Files.createDirectories(consumer);
      Files.writeString(consumer.resolve("pom.xml"), consumerPom(b.artifact(), version, runwayRepo, mavenRepo));
      modules.append("    <module>").append(b.artifact()).append("</module>\n");
    }
    Files.writeString(dir.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>consumer</groupId><artifactId>consumers</artifactId><version>1</version><packaging>pom</packaging>
          <modules>
        %s  </modules>
        </project>
        """.formatted(modules));
    // A local repository of its own, so that no stale Runway snapshot in ~/.m2 can stand in for this build's.
    List<String> command = List.of(root.resolve("mvnw").toString(), "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
        "-Dmaven.repo.local=" + dir.resolve("m2"),
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
        "-Dmdep.outputFile=classpath.txt", "-Dmdep.includeScope=runtime");
    Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("maven.log").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("Maven resolved the consumers within 5 minutes").isTrue();
    assertThat(p.exitValue()).as("Maven's exit code; its output is in %s", dir.resolve("maven.log"))
        .isZero();
    StringBuilder report = new StringBuilder("module budget: bytes of jars besides slf4j-api\n");
    for (Budget b : BUDGETS) {
      String text = Files.readString(dir.resolve(b.artifact()).resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
      List<Path> jars = new ArrayList<>();
      for (String entry : text.split(java.io.File.pathSeparator)) if (!entry.isBlank()) jars.add(Path.of(entry));
      CLASS_PATHS.put(b.artifact(), jars);
      report.append(String.format(Locale.ROOT, "%-22s %,11d of %,11d  %s%n", b.artifact(), counted(jars), b.bytes(),
          jars.stream().map(j -> j.getFileName().toString()).collect(Collectors.joining(" "))));
    }
    Files.writeString(dir.resolve("footprint.txt"), report);
    System.out.print(report);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static String consumerPom(String artifact, String version, Path runwayRepo, Path mavenRepo) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>consumer</groupId><artifactId>%1$s-consumer</artifactId><version>1</version>
          <repositories>
            <repository><id>runway-build</id><url>%3$s</url></repository>
            <repository><id>local-cache</id><url>%4$s</url></repository>
          </repositories>
          <pluginRepositories>
            <pluginRepository><id>local-cache</id><url>%4$s</url></pluginRepository>
          </pluginRepositories>
          <dependencyManagement>
            <dependencies>
              <dependency><groupId>dev.runway</groupId><artifactId>runway-bom</artifactId><version>%2$s</version>
                <type>pom</type><scope>import</scope></dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency><groupId>dev.runway</groupId><artifactId>%1$s</artifactId></dependency>
          </dependencies>
        </project>
        """.formatted(artifact, version, runwayRepo.toUri(), mavenRepo.toUri());
  }

  private static long counted(List<Path> jars) {
    long total = 0;
    for (Path jar : jars) {
      if (jar.getFileName().toString().startsWith("slf4j-api-")) continue;
      try {
        total += Files.size(jar);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + jar, e);
      }
    }
    return total;
  }

  @Test
  void everyModuleStaysWithinItsBudget() {
    for (Budget b : BUDGETS) {
      List<Path> jars = CLASS_PATHS.get(b.artifact());
      assertThat(jars).as("%s's class path", b.artifact()).isNotEmpty();
      assertThat(counted(jars)).as("bytes of jars a consumer of %s gets (%s)", b.artifact(), jars)
          .isLessThanOrEqualTo(b.bytes());
    }
  }

  @Test
  void noModulePullsInWhatItMustNot() {
    for (Budget b : BUDGETS) {
      for (Path jar : CLASS_PATHS.get(b.artifact())) {
        String name = jar.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("runway-")) continue;
        assertThat(b.forbidden()).as("%s pulls in %s", b.artifact(), name).noneMatch(name::contains);
      }
    }
  }

  @Test
  void theHealthModuleCarriesNoNativeLibrary() throws IOException {
    for (Path jar : CLASS_PATHS.get("runway-health")) {
      try (JarFile file = new JarFile(jar.toFile())) {
        assertThat(file.stream().map(e -> e.getName().toLowerCase(Locale.ROOT)))
            .as("native libraries in %s", jar.getFileName())
            .noneMatch(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib"));
      }
    }
  }
}
