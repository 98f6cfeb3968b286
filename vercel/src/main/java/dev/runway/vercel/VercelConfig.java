package dev.runway.vercel;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.vercel.internal.JsonText;
import dev.runway.vercel.internal.FileCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code vercel.json}: the project configuration Vercel reads from the repository root.
 *
 * <p>The settings Runway derives from its model are typed — {@link #framework()},
 * {@link #buildCommand()}, {@link #installCommand()}, {@link #devCommand()},
 * {@link #outputDirectory()}, {@link #regions()}, {@link #crons()}, {@link #headers()},
 * {@link #cleanUrls()}, {@link #trailingSlash()}. Every other property (rewrites, redirects,
 * functions, ...) is kept as plain Java values in {@link #other()} and written back unchanged, so
 * reading and writing a file loses nothing Runway does not model.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or read one with {@link #read}.
 *
 * <pre>{@code
 * VercelConfig config = VercelConfig.builder()
 *     .framework("nextjs")
 *     .buildCommand("next build")
 *     .regions(List.of("iad1"))
 *     .cron("/api/cleanup", "0 5 * * *")
 *     .build();
 * config.validate().orThrow();
 * config.writeTo(Path.of("web/vercel.json"));
 * }</pre>
 *
 * <p>A JSON {@code null} for a command or the framework (which tells Vercel "detect it") is read as
 * "not set", which Vercel treats the same way unless the project settings say otherwise.
 */
public final class VercelConfig {

  /** A cron job: Vercel calls {@code path} on the production deployment on {@code schedule}. */
  public record Cron(String path, String schedule) {
    public Cron {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(schedule, "schedule");
    }
  }

  /** One response header. */
  public record Header(String key, String value) {
    public Header {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Headers set on responses whose path matches {@code source}; {@code conditions} keeps
   * {@code has}/{@code missing} as plain values.
   */
  public record HeaderRule(String source, List<Header> headers, Map<String, Object> conditions) {
    public HeaderRule {
      Objects.requireNonNull(source, "source");
      headers = List.copyOf(headers);
      conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }

    public HeaderRule(String source, List<Header> headers) {
      this(source, headers, Map.of());
    }
  }

  private static final List<String> TYPED = List.of(
      "framework", "buildCommand", "installCommand", "devCommand", "outputDirectory", "regions",
      "crons", "headers", "cleanUrls", "trailingSlash");

  private final @Nullable String framework;
  private final @Nullable String buildCommand;
  private final @Nullable String installCommand;
  private final @Nullable String devCommand;
  private final @Nullable String outputDirectory;
  private final @Nullable List<String> regions;
  private final List<Cron> crons;
  private final List<HeaderRule> headers;
  private final @Nullable Boolean cleanUrls;
  private final @Nullable Boolean trailingSlash;
  private final Map<String, Object> other;
  private final @Nullable Origin origin;
  private final @Nullable JsonText source;

  private VercelConfig(Builder b, @Nullable Origin origin, @Nullable JsonText source) {
    this.framework = b.framework;
    this.buildCommand = b.buildCommand;
    this.installCommand = b.installCommand;
    this.devCommand = b.devCommand;
    this.outputDirectory = b.outputDirectory;
    this.regions = b.regions == null ? null : List.copyOf(b.regions);
    this.crons = List.copyOf(b.crons);
    this.headers = List.copyOf(b.headers);
    this.cleanUrls = b.cleanUrls;
    this.trailingSlash = b.trailingSlash;
    this.other = Collections.unmodifiableMap(new LinkedHashMap<>(b.other));
    this.origin = origin;
    this.source = source;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.framework = framework;
    b.buildCommand = buildCommand;
    b.installCommand = installCommand;
    b.devCommand = devCommand;
    b.outputDirectory = outputDirectory;
    b.regions = regions == null ? null : new ArrayList<>(regions);
    b.crons.addAll(crons);
    b.headers.addAll(headers);
    b.cleanUrls = cleanUrls;
    b.trailingSlash = trailingSlash;
    b.other.putAll(other);
    return b;
  }

  // ---------------------------------------------------------------- reading and writing

  /**
   * Reads a vercel.json file.
   *
   * @throws RunwayException.IoFailed when the file cannot be read
   * @throws RunwayException.ParseFailed naming {@code file:line} when it is not JSON, has a
   *     duplicate key, or a typed property has the wrong JSON type
   */
  public static VercelConfig read(Path file) {
    return parse(text(file), Origin.file(file));
  }

  /** A vercel.json's text; one clear message when it cannot be read. */
  static String text(Path file) {
    if (!Files.exists(file)) {
      throw new RunwayException.IoFailed(file + ": no such file; name the vercel.json with --file, or write one with"
          + " `runway vercel generate`", Origin.file(file), null);
    }
    return InputFiles.readText(file, "vercel.json");
  }

  /** Parses vercel.json text; errors name {@code origin:line}. */
  public static VercelConfig parse(String json, Origin origin) {
    JsonText text = JsonText.parse(json, origin);
    JsonNode root = text.tree();
    if (!root.isObject()) {
      throw new RunwayException.ParseFailed(
          origin.withLine(text.line("")) + ": vercel.json: the top level must be a JSON object; wrap the settings in { }",
          origin.withLine(text.line("")));
    }
    Builder b = new Builder();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      Reader r = new Reader(text, origin, "/" + key, key);
      switch (key) {
        case "framework" -> b.framework = r.nullableString(v);
        case "buildCommand" -> b.buildCommand = r.nullableString(v);
        case "installCommand" -> b.installCommand = r.nullableString(v);
        case "devCommand" -> b.devCommand = r.nullableString(v);
        case "outputDirectory" -> b.outputDirectory = r.nullableString(v);
        case "regions" -> b.regions = r.strings(v);
        case "cleanUrls" -> b.cleanUrls = r.bool(v);
        case "trailingSlash" -> b.trailingSlash = r.bool(v);
        case "crons" -> {
          r.array(v);
          for (int i = 0; i < v.size(); i++) {
            Reader c = r.at(i);
            JsonNode item = c.object(v.get(i));
            b.crons.add(new Cron(c.field(item, "path"), c.field(item, "schedule")));
          }
        }
        case "headers" -> {
          r.array(v);
          for (int i = 0; i < v.size(); i++) {
            Reader h = r.at(i);
            JsonNode item = h.object(v.get(i));
            List<Header> list = new ArrayList<>();
            JsonNode hs = item.get("headers");
            Reader hr = h.child("headers");
            if (hs == null) throw hr.fail("is missing", "add \"headers\": [{\"key\": \"...\", \"value\": \"...\"}]");
            hr.array(hs);
            for (int j = 0; j < hs.size(); j++) {
              Reader one = hr.at(j);
              JsonNode pair = one.object(hs.get(j));
              list.add(new Header(one.field(pair, "key"), one.field(pair, "value")));
            }
            Map<String, Object> conditions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> c : item.properties()) {
              if (!c.getKey().equals("source") && !c.getKey().equals("headers")) {
                conditions.put(c.getKey(), plain(c.getValue()));
              }
            }
            b.headers.add(new HeaderRule(h.field(item, "source"), list, conditions));
          }
        }
        default -> b.other.put(key, plain(v));
      }
    }
    return new VercelConfig(b, origin, text);
  }

  /** Pretty-printed JSON with a trailing newline: typed properties first, then the others in order. */
  public String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (other.containsKey("$schema")) out.put("$schema", other.get("$schema"));
    putIf(out, "framework", framework);
    putIf(out, "installCommand", installCommand);
    putIf(out, "buildCommand", buildCommand);
    putIf(out, "devCommand", devCommand);
    putIf(out, "outputDirectory", outputDirectory);
    putIf(out, "regions", regions);
    putIf(out, "cleanUrls", cleanUrls);
    putIf(out, "trailingSlash", trailingSlash);
    if (!crons.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (Cron c : crons) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("schedule", c.schedule());
        list.add(m);
      }
      out.put("crons", list);
    }
    if (!headers.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (HeaderRule rule : headers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", rule.source());
        List<Object> hs = new ArrayList<>();
        for (Header h : rule.headers()) {
          Map<String, Object> pair = new LinkedHashMap<>();
          pair.put("key", h.key());
          pair.put("value", h.value());
          hs.add(pair);
        }
        m.put("headers", hs);
        m.putAll(rule.conditions());
        list.add(m);
      }
      out.put("headers", list);
    }
    other.forEach((k, v) -> {
      if (!k.equals("$schema")) out.put(k, v);
    });
    return JsonText.pretty(out) + "\n";
  }

  /** Writes {@link #toJson()} to a file, creating parent directories; all of it or nothing (the old file stays on failure). */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(
          file + ": cannot write vercel.json (" + IoReasons.of(e) + "); check the directory exists and is writable",
          Origin.file(file), e);
    }
    AtomicFiles.write(file, toJson());
  }

  // ---------------------------------------------------------------- validation

  /**
   * Every problem in this configuration, at once, as {@link Vercel#check(Path)} finds them in a
   * file: Vercel's schema (unknown properties at any depth with a did-you-mean, types, allowed
   * values, limits), deprecated properties ({@code builds}, {@code routes}, {@code env},
   * {@code build.env}) and what replaces them, combinations Vercel refuses, references between
   * {@code services}, and secrets committed in {@code env}. Problems name {@code file:line} when
   * the configuration was read from a file.
   */
  public Problems validate() {
    Origin shown = origin != null ? origin : Origin.of("vercel.json");
    JsonText text = source != null ? source : JsonText.parse(toJson(), shown);
    List<Problem> problems = FileCheck.run(text, shown);
    if (origin == null) problems = problems.stream().map(p -> p.withOrigin(null)).toList();
    return Problems.of(problems);
  }

  private @Nullable Origin at(String pointer) {
    if (origin == null) return null;
    return source == null ? origin : origin.withLine(source.line(pointer));
  }

  // ---------------------------------------------------------------- accessors

  public Optional<String> framework() {
    return Optional.ofNullable(framework);
  }

  public Optional<String> buildCommand() {
    return Optional.ofNullable(buildCommand);
  }

  public Optional<String> installCommand() {
    return Optional.ofNullable(installCommand);
  }

  public Optional<String> devCommand() {
    return Optional.ofNullable(devCommand);
  }

  public Optional<String> outputDirectory() {
    return Optional.ofNullable(outputDirectory);
  }

  /** The function regions; empty when the file does not set them (Vercel's default, iad1). */
  public List<String> regions() {
    return regions == null ? List.of() : regions;
  }

  public List<Cron> crons() {
    return crons;
  }

  public List<HeaderRule> headers() {
    return headers;
  }

  public Optional<Boolean> cleanUrls() {
    return Optional.ofNullable(cleanUrls);
  }

  public Optional<Boolean> trailingSlash() {
    return Optional.ofNullable(trailingSlash);
  }

  /** Every other top-level property, as plain values (String, Number, Boolean, List, Map, or null). */
  public Map<String, Object> other() {
    return other;
  }

  /** Where this configuration was read from, when it was read. */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  /** The line of the value at a JSON pointer such as {@code /crons/0/path}; 0 when not read from text. */
  public int line(String jsonPointer) {
    return source == null ? 0 : source.line(jsonPointer);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VercelConfig c
        && Objects.equals(framework, c.framework)
        && Objects.equals(buildCommand, c.buildCommand)
        && Objects.equals(installCommand, c.installCommand)
        && Objects.equals(devCommand, c.devCommand)
        && Objects.equals(outputDirectory, c.outputDirectory)
        && Objects.equals(regions, c.regions)
        && crons.equals(c.crons)
        && headers.equals(c.headers)
        && Objects.equals(cleanUrls, c.cleanUrls)
        && Objects.equals(trailingSlash, c.trailingSlash)
        && other.equals(c.other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(framework, buildCommand, installCommand, devCommand, outputDirectory, regions, crons,
        headers, cleanUrls, trailingSlash, other);
  }

  /** The properties it sets, never their values (a build command may carry a token). */
  @Override
  public String toString() {
    List<String> keys = new ArrayList<>();
    for (String k : TYPED) if (isSet(k)) keys.add(k);
    keys.addAll(other.keySet());
    return "VercelConfig" + keys;
  }

  private boolean isSet(String key) {
    return switch (key) {
      case "framework" -> framework != null;
      case "buildCommand" -> buildCommand != null;
      case "installCommand" -> installCommand != null;
      case "devCommand" -> devCommand != null;
      case "outputDirectory" -> outputDirectory != null;
      case "regions" -> regions != null;
      case "crons" -> !crons.isEmpty();
      case "headers" -> !headers.isEmpty();
      case "cleanUrls" -> cleanUrls != null;
      case "trailingSlash" -> trailingSlash != null;
      default -> false;
    };
  }

  private static void putIf(Map<String, Object> out, String key, @Nullable Object value) {
    if (value != null) out.put(key, value);
  }

  private static @Nullable Object plain(JsonNode node) {
    return JsonText.mapper().convertValue(node, Object.class);
  }

  /** Builds a {@link VercelConfig}; every setter replaces, {@code cron}/{@code header} append. */
  public static final class Builder {
    private @Nullable String framework;
    private @Nullable String buildCommand;
    private @Nullable String installCommand;
    private @Nullable String devCommand;
    private @Nullable String outputDirectory;
    private @Nullable List<String> regions;
    private final List<Cron> crons = new ArrayList<>();
    private final List<HeaderRule> headers = new ArrayList<>();
    private @Nullable Boolean cleanUrls;
    private @Nullable Boolean trailingSlash;
    private final Map<String, Object> other = new LinkedHashMap<>();

    private Builder() {}

    /** A framework preset such as {@code "nextjs"}. */
    public Builder framework(@Nullable String value) {
      this.framework = value;
      return this;
    }

    public Builder buildCommand(@Nullable String value) {
      this.buildCommand = value;
      return this;
    }

    public Builder installCommand(@Nullable String value) {
      this.installCommand = value;
      return this;
    }

    public Builder devCommand(@Nullable String value) {
      this.devCommand = value;
      return this;
    }

    public Builder outputDirectory(@Nullable String value) {
      this.outputDirectory = value;
      return this;
    }

    /** Function regions such as {@code iad1}; {@code null} removes the property. */
    public Builder regions(@Nullable List<String> value) {
      this.regions = value == null ? null : new ArrayList<>(value);
      return this;
    }

    public Builder cron(String path, String schedule) {
      crons.add(new Cron(path, schedule));
      return this;
    }

    public Builder crons(List<Cron> value) {
      crons.clear();
      crons.addAll(value);
      return this;
    }

    /** Headers for a path pattern: {@code .header("/(.*)", h -> h.put("X-Frame-Options", "DENY"))}. */
    public Builder header(String source, Consumer<Map<String, String>> headersOfSource) {
      Map<String, String> map = new LinkedHashMap<>();
      headersOfSource.accept(map);
      headers.add(new HeaderRule(source, map.entrySet().stream().map(e -> new Header(e.getKey(), e.getValue())).toList()));
      return this;
    }

    public Builder headers(List<HeaderRule> value) {
      headers.clear();
      headers.addAll(value);
      return this;
    }

    public Builder cleanUrls(@Nullable Boolean value) {
      this.cleanUrls = value;
      return this;
    }

    public Builder trailingSlash(@Nullable Boolean value) {
      this.trailingSlash = value;
      return this;
    }

    /**
     * Any other top-level property, as plain values; a typed property's name is refused (use its
     * setter).
     */
    public Builder other(String key, @Nullable Object plainValue) {
      if (TYPED.contains(key)) {
        throw new IllegalArgumentException(key + " has its own setter: use ." + key + "(...)");
      }
      other.put(key, plainValue);
      return this;
    }

    public VercelConfig build() {
      return new VercelConfig(this, null, null);
    }
  }

  /** Reads typed properties, failing with {@code file:line: path: problem; fix}. */
  private static final class Reader {
    private final JsonText text;
    private final Origin origin;
    private final String pointer;
    private final String path;

    Reader(JsonText text, Origin origin, String pointer, String path) {
      this.text = text;
      this.origin = origin;
      this.pointer = pointer;
      this.path = path;
    }

    Reader at(int index) {
      return new Reader(text, origin, pointer + "/" + index, path + "[" + index + "]");
    }

    Reader child(String key) {
      return new Reader(text, origin, pointer + "/" + key, path + "." + key);
    }

    RunwayException.ParseFailed fail(String problem, String fix) {
      Origin where = origin.withLine(text.line(pointer));
      return new RunwayException.ParseFailed(where + ": " + path + ": " + problem + "; " + fix, where);
    }

    @Nullable String nullableString(JsonNode v) {
      if (v.isNull()) return null;
      if (!v.isString()) throw fail("must be a string but is " + kind(v), "quote the value");
      return v.asString();
    }

    @Nullable Boolean bool(JsonNode v) {
      if (!v.isBoolean()) throw fail("must be true or false but is " + kind(v), "write true or false without quotes");
      return v.asBoolean();
    }

    List<String> strings(JsonNode v) {
      array(v);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (!item.isString()) throw at(i).fail("must be a string but is " + kind(item), "quote the value");
        out.add(item.asString());
      }
      return out;
    }

    void array(JsonNode v) {
      if (!v.isArray()) throw fail("must be an array but is " + kind(v), "write [ ... ]");
    }

    JsonNode object(JsonNode v) {
      if (!v.isObject()) throw fail("must be an object but is " + kind(v), "write { ... }");
      return v;
    }

    String field(JsonNode object, String key) {
      JsonNode v = object.get(key);
      Reader r = child(key);
      if (v == null) throw r.fail("is missing", "add \"" + key + "\"");
      if (!v.isString()) throw r.fail("must be a string but is " + kind(v), "quote the value");
      return v.asString();
    }

    private static String kind(JsonNode v) {
      if (v.isNull()) return "null";
      if (v.isString()) return "a string";
      if (v.isNumber()) return "a number";
      if (v.isBoolean()) return "a boolean";
      if (v.isArray()) return "an array";
      return "an object";
    }
  }
}
