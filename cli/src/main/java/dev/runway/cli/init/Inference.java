package dev.runway.cli.init;

import dev.runway.env.KeyFormat;
import dev.runway.env.Sensitivity;
import dev.runway.env.Var;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Type, sensitivity and key format of a variable from its name and the values seen. Values only
 * inform the guess: none is ever written, and a value that could be a placeholder (a template's)
 * counts only when it parses.
 */
final class Inference {
  static final List<String> BROWSER_PREFIXES = List.of("NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "PUBLIC_");
  private static final Set<String> SECRET_WORDS = Set.of("SECRET", "PASSWORD", "PASSWD", "PWD", "PASS", "TOKEN",
      "CREDENTIALS", "CREDENTIAL", "PRIVATE", "APIKEY", "SALT");
  private static final Set<String> NOT_SECRET_WORDS = Set.of("PUBLISHABLE", "ANON", "PUBLIC");
  private static final Set<String> BOOL_WORDS = Set.of("DEBUG", "ENABLE", "ENABLED", "DISABLE", "DISABLED", "USE",
      "IS", "FEATURE", "VERBOSE", "TESTING", "DRY", "SECURE", "SSL", "HTTPS", "TLS", "FORCE", "ALLOW");
  private static final Set<String> LIST_WORDS = Set.of("ORIGINS", "HOSTS", "DOMAINS", "LIST", "IDS", "SCOPES",
      "EMAILS", "ADMINS", "ALLOWED", "TRUSTED", "URLS");
  private static final Set<String> DURATION_WORDS = Set.of("TIMEOUT", "TTL", "INTERVAL", "DELAY", "EXPIRY",
      "EXPIRES", "DURATION", "AGE", "LIFETIME");
  private static final Pattern BOOL = Pattern.compile("(?i)true|false|yes|no|on|off");
  private static final Pattern INT = Pattern.compile("-?(0|[1-9]\\d{0,8})");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s:/]+@[^@\\s:/]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL = Pattern.compile("(?i)(https?|wss?)://[^\\s,]+");
  private static final Pattern ANY_URI = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^\\s,]+");
  private static final Pattern POSTGRES = Pattern.compile("(?i)(postgres|postgresql|jdbc:postgresql)://\\S*");
  private static final Pattern USER_PASSWORD = Pattern.compile("^[a-z][a-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@", Pattern.CASE_INSENSITIVE);
  private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.([\\w-]+)\\.[\\w-]*");
  private static final Pattern ROLE = Pattern.compile("\"role\"\\s*:\\s*\"([\\w-]+)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)(|<.*>|\\[.*]|\\{\\{.*}}|x{3,}|\\*+|.*\\.\\.\\.|.*\\byour[-_ ].*|"
      + ".*[-_]here|change[-_ ]?me.*|replace[-_ ]?me.*|todo|tbd|placeholder|example|dummy|fake|secret|password|none|null)");
  /** Formats a value may be told by: vercel's (24 letters and digits) would match too much by shape alone. */
  private static final Set<String> SHAPE_FORMATS = Set.of("openai", "anthropic", "llamacloud", "jwt",
      "supabase-publishable", "supabase-secret", "supabase-access-token", "render", "github", "stripe-secret",
      "aws-access-key", "private-key");

  private Inference() {}

  static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value.trim()).matches();
  }

  static boolean isBrowserExposed(String name) {
    return BROWSER_PREFIXES.stream().anyMatch(name::startsWith);
  }

  static List<String> words(String name) {
    return Arrays.stream(name.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** Decides type, sensitivity and format, adding a note for each choice that is a guess. */
  static void infer(Draft.Variable v) {
    // The browser prefix is no evidence about the rest of the name (NEXT_PUBLIC_ is not "PUBLIC").
    List<String> words = words(v.name.substring(prefix(v.name).length()));
    List<String> hard = new ArrayList<>();   // values runway validate will read: the type must accept them
    List<String> hints = new ArrayList<>();  // values that only suggest (templates, compose), placeholders dropped
    for (Draft.Sample s : v.samples) {
      if (s.value().isEmpty()) continue;
      if (s.template()) {
        if (!isPlaceholder(s.value())) hints.add(s.value());
      } else {
        hard.add(s.value());
      }
    }
    if (v.renderValue != null) hard.add(v.renderValue);
    if (v.previewValue != null) hard.add(v.previewValue);
    List<String> all = new ArrayList<>(hard);
    all.addAll(hints);

    Optional<KeyFormat> shape = shapeOf(all);
    Optional<String> role = all.stream().map(Inference::jwtRole).flatMap(Optional::stream).findFirst();
    sensitivity(v, words, all, shape, role);
    type(v, words, hard, hints);
    format(v, words, hard, shape, role);
  }

  private static void sensitivity(Draft.Variable v, List<String> words, List<String> values, Optional<KeyFormat> shape,
      Optional<String> role) {
    String why = secretReason(v, words, values, shape, role);
    if (isBrowserExposed(v.name)) {
      boolean strong = why != null && !(shape.map(f -> f.name().equals("jwt")).orElse(false) && role.isEmpty())
          && !words.contains("ANON") && !words.contains("PUBLISHABLE");
      if (strong) {
        v.sensitivity = Sensitivity.SECRET;
        v.inferred.add("secret, because " + why);
        v.review.add("a secret, but the " + prefix(v.name) + " prefix sends it to the browser: rename it and read it"
            + " on the server, or say sensitivity = public if it is meant to be public");
      } else {
        v.sensitivity = Sensitivity.PUBLIC;
        v.inferred.add("public, because the " + prefix(v.name) + " prefix sends it to the browser");
      }
      return;
    }
    if (why != null) {
      v.sensitivity = Sensitivity.SECRET;
      v.inferred.add("secret, because " + why);
    }
  }

  private static @Nullable String secretReason(Draft.Variable v, List<String> words, List<String> values,
      Optional<KeyFormat> shape, Optional<String> role) {
    if (v.generate) return "render.yaml generates its value";
    if (role.isPresent()) {
      return role.get().equals("anon") ? null : "a value is a JWT for the role " + role.get();
    }
    if (shape.isPresent()) return "a value has the shape of " + shape.get().description();
    if (values.stream().anyMatch(x -> USER_PASSWORD.matcher(x).find())) return "a value is a URL with a password";
    if (words.stream().anyMatch(NOT_SECRET_WORDS::contains)) return null;
    for (String w : words) if (SECRET_WORDS.contains(w)) return "the name says " + w;
    if (words.get(words.size() - 1).equals("KEY")) return "the name ends in _KEY";
    if (words.size() > 1 && words.get(words.size() - 1).equals("DSN") && values.isEmpty()) return null;
    return null;
  }

  private static void type(Draft.Variable v, List<String> words, List<String> hard, List<String> hints) {
    List<String> all = new ArrayList<>(hard);
    all.addAll(hints);
    String last = words.get(words.size() - 1);
    String type;
    String because;
    if (v.from != null && v.from.containsKey("property")) {
      String p = v.from.get("property");
      type = switch (p) {
        case "connectionString" -> v.from.getOrDefault("kind", "").equals("postgres") ? "postgres-url" : "uri";
        case "port" -> "port";
        case "host" -> "host";
        default -> v.sensitivity == Sensitivity.SECRET ? "secret" : "string";
      };
      because = "render.yaml takes it from " + p;
    } else if (last.equals("PORT") && (all.isEmpty() || allMatch(all, INT))) {
      type = "port";
      because = "the name ends in PORT";
    } else if (!all.isEmpty() ? allMatch(all, POSTGRES) : (words.contains("DATABASE") || words.contains("POSTGRES")
        || words.contains("DB")) && (last.equals("URL") || last.equals("URI"))) {
      type = "postgres-url";
      because = all.isEmpty() ? "the name says a database URL" : "its values are postgres:// URLs";
    } else if (v.sensitivity == Sensitivity.SECRET && !(allMatch(all, ANY_URI) && !all.isEmpty())) {
      type = "secret";
      because = null; // the sensitivity note says why
    } else if (words.stream().anyMatch(LIST_WORDS::contains) || (!all.isEmpty() && all.stream().allMatch(x -> x.contains(","))
        && all.stream().noneMatch(x -> x.trim().startsWith("{") || x.trim().startsWith("[")))) {
      type = "list";
      because = words.stream().anyMatch(LIST_WORDS::contains) ? "the name says a list" : "its values are comma-separated";
    } else if (!all.isEmpty() && allMatch(all, URL)) {
      type = "url";
      because = "its values are URLs";
    } else if (!all.isEmpty() && allMatch(all, ANY_URI)) {
      type = "uri";
      because = "its values are URIs";
    } else if (all.isEmpty() && Set.of("URL", "URI").contains(last)
        && words.stream().anyMatch(Set.of("REDIS", "KV", "AMQP", "RABBITMQ", "MONGO", "MONGODB", "MYSQL", "NATS", "KAFKA")::contains)) {
      type = "uri";
      because = "the name says a " + words.get(0).toLowerCase(Locale.ROOT) + " URI";
    } else if (last.equals("HOST") && (all.isEmpty() || all.stream().allMatch(x -> parses(v.name, "host", x)))) {
      type = "host";
      because = "the name ends in HOST";
    } else if (all.isEmpty() && Set.of("URL", "URI", "ENDPOINT", "WEBHOOK", "DSN").contains(last)) {
      type = "url";
      because = "the name ends in " + last;
    } else if ((!all.isEmpty() && allMatch(all, BOOL)) || (words.stream().anyMatch(BOOL_WORDS::contains)
        && (all.isEmpty() || allMatch(all, BOOL) || allMatch(all, Pattern.compile("[01]"))))) {
      type = "boolean";
      because = all.isEmpty() ? "the name says " + words.stream().filter(BOOL_WORDS::contains).findFirst().orElse(last)
          : "its values are true or false";
    } else if (!all.isEmpty() && allMatch(all, DURATION)) {
      type = "duration";
      because = "its values are durations";
    } else if (!all.isEmpty() && allMatch(all, INT)) {
      type = "integer";
      because = "its values are whole numbers";
      if (words.stream().anyMatch(DURATION_WORDS::contains)) {
        v.review.add("a duration by its name, but its values carry no unit; write them as 30s and say type = duration");
      }
    } else if (!all.isEmpty() && allMatch(all, DECIMAL)) {
      type = "decimal";
      because = "its values are decimal numbers";
    } else if ((!all.isEmpty() && allMatch(all, EMAIL)) || (all.isEmpty() && last.equals("EMAIL"))) {
      type = "email";
      because = all.isEmpty() ? "the name ends in EMAIL" : "its values are email addresses";
    } else if (!all.isEmpty() && all.stream().allMatch(Inference::isJson)) {
      type = "json";
      because = "its values are JSON";
    } else {
      type = v.sensitivity == Sensitivity.SECRET ? "secret" : "string";
      because = null;
    }
    // The values runway validate will read must parse as the type, or validation would report them.
    for (String x : hard) {
      if (!parses(v.name, type, x)) {
        String at = v.samples.stream().filter(s -> s.value().equals(x) && !s.template()).map(Draft.Sample::origin)
            .findFirst().orElse(v.renderOrigin == null ? "render.yaml" : v.renderOrigin);
        v.review.add("kept as " + (v.sensitivity == Sensitivity.SECRET ? "secret" : "string") + ": " + at
            + " is not " + article(type) + " " + type);
        type = v.sensitivity == Sensitivity.SECRET ? "secret" : "string";
        because = null;
        break;
      }
    }
    // A render.yaml value becomes the default only when it reads back as written, so render check sees no drift.
    if (v.renderValue != null && v.sensitivity != Sensitivity.SECRET && !roundTrips(v.name, type, v.renderValue)) {
      type = "string";
      because = null;
    }
    if (because != null && !(type.equals("secret"))) v.inferred.add(0, type + ", because " + because);
    v.type = type;
    if (type.equals("postgres-url") && v.sensitivity != Sensitivity.SECRET) {
      // Runway's default for the type, said here because the file would otherwise write sensitivity = internal
      v.sensitivity = Sensitivity.SECRET;
      v.inferred.add("secret, because a Postgres URL carries its password");
    }
    if (v.unsynced && v.sensitivity != Sensitivity.SECRET && Set.of("string", "url", "uri").contains(type)) {
      v.review.add("render.yaml has it set in the dashboard (sync: false); say sensitivity = secret if it is one");
    }
  }

  private static void format(Draft.Variable v, List<String> words, List<String> hard, Optional<KeyFormat> shape,
      Optional<String> role) {
    Optional<KeyFormat> format = shape;
    String why = shape.map(f -> "a value has that shape").orElse(null);
    if (format.isEmpty()) {
      format = byName(words).flatMap(KeyFormat::named);
      why = "the name says so";
    }
    if (format.isEmpty()) return;
    KeyFormat f = format.get();
    for (String x : hard) {
      if (!f.matches(x)) {
        v.review.add("the name suggests format = " + f.name() + ", but a value in a file does not have that shape;"
            + " add the format once it does");
        return;
      }
    }
    if (v.type != null && !v.type.equals("secret") && !v.type.equals("string")) return;
    v.format = f.name();
    v.inferred.add("format " + f.name() + ", because " + why + (role.isPresent() ? " (a Supabase " + role.get() + " key)" : ""));
  }

  /** Key formats told by the variable's name, for when no value shows the shape (templates hold placeholders). */
  private static Optional<String> byName(List<String> words) {
    boolean key = words.contains("KEY") || words.contains("TOKEN") || words.contains("SECRET");
    if (!key) return Optional.empty();
    if (words.contains("OPENAI")) return Optional.of("openai");
    if (words.contains("ANTHROPIC") || words.contains("CLAUDE")) return Optional.of("anthropic");
    if (words.contains("LLAMA") || words.contains("LLAMACLOUD") || words.contains("LLAMAPARSE")) return Optional.of("llamacloud");
    if (words.contains("SUPABASE")) {
      if (words.contains("PUBLISHABLE")) return Optional.of("supabase-publishable");
      if (words.contains("ACCESS") && words.contains("TOKEN")) return Optional.of("supabase-access-token");
      if (words.contains("ANON") || words.contains("ROLE") || words.contains("SERVICE")) return Optional.of("jwt");
      if (words.contains("SECRET")) return Optional.of("supabase-secret");
    }
    if (words.contains("STRIPE") && words.contains("SECRET")) return Optional.of("stripe-secret");
    if (words.contains("GITHUB") && words.contains("TOKEN")) return Optional.of("github");
    if (words.contains("RENDER") && words.contains("API")) return Optional.of("render");
    if (words.contains("VERCEL") && words.contains("TOKEN")) return Optional.of("vercel");
    return Optional.empty();
  }

  private static Optional<KeyFormat> shapeOf(List<String> values) {
    for (KeyFormat f : KeyFormat.builtIn()) {
      if (!SHAPE_FORMATS.contains(f.name())) continue;
      if (!values.isEmpty() && values.stream().allMatch(f::matches)) return Optional.of(f);
    }
    return Optional.empty();
  }

  /** A JWT's role claim (Supabase's anon and service_role keys carry one). */
  static Optional<String> jwtRole(String value) {
    Matcher m = JWT.matcher(value.trim());
    if (!m.matches()) return Optional.empty();
    try {
      String payload = new String(Base64.getUrlDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
      Matcher r = ROLE.matcher(payload);
      return r.find() ? Optional.of(r.group(1)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean allMatch(List<String> values, Pattern p) {
    return !values.isEmpty() && values.stream().allMatch(x -> p.matcher(x.trim()).matches());
  }

  private static boolean isJson(String s) {
    String t = s.trim();
    if (!(t.startsWith("{") || t.startsWith("["))) return false;
    return parses("X", "json", t);
  }

  static boolean parses(String name, String type, String value) {
    try {
      var.apply(name, type).parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean roundTrips(String name, String type, String value) {
    try {
      Var v = var.apply(name, type);
      Var withDefault = v.defaultValue(v.parse(value));
      Optional<String> text = withDefault.defaultTextIn(dev.runway.env.Environment.PRODUCTION);
      return text.isPresent() && text.get().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final java.util.function.BiFunction<String, String, Var<?>> var = (name, type) -> switch (type) {
    case "integer" -> Var.integer(name);
    case "boolean" -> Var.bool(name);
    case "decimal" -> Var.decimal(name);
    case "duration" -> Var.duration(name);
    case "port" -> Var.port(name);
    case "url" -> Var.url(name);
    case "uri" -> Var.uri(name);
    case "host" -> Var.host(name);
    case "email" -> Var.email(name);
    case "json" -> Var.json(name);
    case "list" -> Var.list(name);
    case "postgres-url" -> Var.postgresUrl(name);
    case "secret" -> Var.secret(name);
    default -> Var.string(name);
  };

  private static String prefix(String name) {
    return BROWSER_PREFIXES.stream().filter(name::startsWith).findFirst().orElse("");
  }

  private static String article(String type) {
    return "aeiou".indexOf(type.charAt(0)) >= 0 ? "an" : "a";
  }
}
