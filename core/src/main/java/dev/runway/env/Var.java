package dev.runway.env;

import dev.runway.base.Secret;
import dev.runway.env.internal.Constraint;
import dev.runway.env.internal.VarType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A typed handle on one environment variable: its name, type, sensitivity, the services it
 * reaches, where it is required, its defaults and its checks.
 *
 * <p>A Var is an immutable value: every method below returns a refined copy, so a declaration
 * reads as one expression and can be a constant.
 *
 * <pre>{@code
 * static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000).targets("api");
 * static final Var<Secret> OPENAI_API_KEY = Var.secret("OPENAI_API_KEY")
 *     .format(KeyFormat.OPENAI).requiredIn(PRODUCTION, PREVIEW).targets("api");
 * static final Var<URI> NEXT_PUBLIC_SUPABASE_URL = Var.url("NEXT_PUBLIC_SUPABASE_URL")
 *     .httpsIn(PRODUCTION).sensitivity(Sensitivity.PUBLIC).targets("web");
 *
 * int port = env.get(PORT);                 // typed
 * Secret key = env.get(OPENAI_API_KEY);     // key.toString() is "****"; key.reveal() is the value
 * }</pre>
 *
 * <p>Requirement: a variable is required in every environment unless it has a default there, is
 * declared {@link #optional()}, or is {@link #requiredIn required in} named environments only.
 * Checks that do not fit the type ({@code range} on a URL) fail at declaration with
 * {@link IllegalStateException}.
 *
 * @param <T> the type {@link Env#get(Var)} returns
 */
public final class Var<T> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String name;
  private final VarType<T> type;
  private final @Nullable String description;
  private final Sensitivity sensitivity;
  private final Set<String> targets;
  private final boolean optional;
  private final Set<String> requiredIn; // empty: everywhere (unless optional)
  private final Set<String> forbiddenIn;
  private final @Nullable T defaultValue;
  private final Map<String, T> defaultsIn;
  private final List<Constraint> constraints;
  private final @Nullable ValueSource source;
  private final @Nullable String group;

  private Var(String name, VarType<T> type, @Nullable String description, Sensitivity sensitivity,
      Set<String> targets, boolean optional, Set<String> requiredIn, Set<String> forbiddenIn,
      @Nullable T defaultValue, Map<String, T> defaultsIn, List<Constraint> constraints,
      @Nullable ValueSource source, @Nullable String group) {
    this.name = name;
    this.type = type;
    this.description = description;
    this.sensitivity = sensitivity;
    this.targets = targets;
    this.optional = optional;
    this.requiredIn = requiredIn;
    this.forbiddenIn = forbiddenIn;
    this.defaultValue = defaultValue;
    this.defaultsIn = defaultsIn;
    this.constraints = constraints;
    this.source = source;
    this.group = group;
  }

  static <T> Var<T> of(String name, VarType<T> type) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("variable name '" + name
          + "' must start with a letter or '_' and hold only letters, digits and '_'");
    }
    return new Var<>(name, type, null, type.defaultSensitivity(), Set.of(), false, Set.of(), Set.of(),
        null, Map.of(), List.of(), null, null);
  }

  // --- types --------------------------------------------------------------------------------

  /** Any text. */
  public static Var<String> string(String name) {
    return of(name, VarType.STRING);
  }

  /** A whole number that fits an {@code int}. */
  public static Var<Integer> integer(String name) {
    return of(name, VarType.INTEGER);
  }

  /** A whole number that fits a {@code long}. */
  public static Var<Long> longInteger(String name) {
    return of(name, VarType.LONG);
  }

  /** {@code true}/{@code false}, also {@code 1/0}, {@code yes/no}, {@code on/off}. */
  public static Var<Boolean> bool(String name) {
    return of(name, VarType.BOOLEAN);
  }

  /** A decimal number, kept exact. */
  public static Var<BigDecimal> decimal(String name) {
    return of(name, VarType.DECIMAL);
  }

  /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT30S}. */
  public static Var<Duration> duration(String name) {
    return of(name, VarType.DURATION);
  }

  /** A TCP port, 1 to 65535. */
  public static Var<Integer> port(String name) {
    return of(name, VarType.PORT);
  }

  /** An absolute URL with a host; restrict schemes with {@link #schemes} or {@link #httpsIn}. */
  public static Var<URI> url(String name) {
    return of(name, VarType.URL);
  }

  /** Any absolute URI ({@code mailto:}, {@code redis://}, ...). */
  public static Var<URI> uri(String name) {
    return of(name, VarType.URI_TYPE);
  }

  /** A host name, IPv4 address or bracketed IPv6 address. */
  public static Var<String> host(String name) {
    return of(name, VarType.HOST_TYPE);
  }

  /** An email address. */
  public static Var<String> email(String name) {
    return of(name, VarType.EMAIL_TYPE);
  }

  /** One of a fixed set of strings, matched exactly. */
  public static Var<String> oneOf(String name, String... values) {
    return of(name, VarType.oneOf(Arrays.asList(values)));
  }

  /** A constant of a Java enum, matched by name ignoring case ({@code log-level} matches {@code LOG_LEVEL}). */
  public static <E extends Enum<E>> Var<E> enumeration(String name, Class<E> type) {
    return of(name, VarType.enumeration(type));
  }

  /** A comma-separated list of strings, each trimmed, empty items dropped. */
  public static Var<List<String>> list(String name) {
    return list(name, ",");
  }

  /** A list of strings separated by {@code separator}. */
  public static Var<List<String>> list(String name, String separator) {
    return of(name, VarType.list(separator));
  }

  /** A JSON document, as plain Java values (Map, List, String, Number, Boolean). */
  public static Var<Object> json(String name) {
    return of(name, VarType.JSON);
  }

  /** A PostgreSQL connection URL; {@link Sensitivity#SECRET} unless said otherwise (it holds a password). */
  public static Var<PostgresUrl> postgresUrl(String name) {
    return of(name, VarType.POSTGRES_URL);
  }

  /** A secret: {@link Sensitivity#SECRET}, read with {@link Secret#reveal()}. */
  public static Var<Secret> secret(String name) {
    return of(name, VarType.SECRET);
  }

  /**
   * A type of your own.
   *
   * @param typeName the name shown in messages and reports
   * @param expected what a right value looks like, for messages ("a semantic version such as 1.2.3")
   * @param parser turns text into a value, throwing any RuntimeException for a bad one; its message is
   *     never shown, since it may hold the value
   */
  public static <T> Var<T> custom(String name, String typeName, String expected, Class<T> javaType,
      Function<String, T> parser) {
    return of(name, VarType.custom(typeName, expected, javaType, parser));
  }

  // --- refinements (each returns a copy) -----------------------------------------------------

  /** What the variable is for, shown in reports and generated files. */
  public Var<T> description(String text) {
    return copy(b -> b.description = Objects.requireNonNull(text, "text"));
  }

  public Var<T> sensitivity(Sensitivity level) {
    return copy(b -> b.sensitivity = Objects.requireNonNull(level, "level"));
  }

  /** The services that receive this variable (by name); none means every service. */
  public Var<T> targets(String... services) {
    return copy(b -> b.targets = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(services))));
  }

  /** Required in every environment (the default). */
  public Var<T> required() {
    return copy(b -> {
      b.optional = false;
      b.requiredIn = Set.of();
    });
  }

  /** Required only in these environments; optional elsewhere. */
  public Var<T> requiredIn(Environment... environments) {
    if (environments.length == 0) throw new IllegalArgumentException("requiredIn needs at least one environment");
    return copy(b -> {
      b.optional = false;
      b.requiredIn = names(environments);
    });
  }

  /** Optional in every environment. */
  public Var<T> optional() {
    return copy(b -> {
      b.optional = true;
      b.requiredIn = Set.of();
    });
  }

  /** Must not be set in these environments (a debug switch in production, say). */
  public Var<T> forbiddenIn(Environment... environments) {
    return copy(b -> b.forbiddenIn = names(environments));
  }

  /** The value when no source sets one, in every environment without a more specific default. */
  public Var<T> defaultValue(T value) {
    return copy(b -> b.defaultValue = Objects.requireNonNull(value, "value"));
  }

  /** The value when no source sets one in this environment. */
  public Var<T> defaultIn(Environment environment, T value) {
    Objects.requireNonNull(value, "value");
    return copy(b -> {
      Map<String, T> map = new LinkedHashMap<>(b.defaultsIn);
      map.put(environment.name(), value);
      b.defaultsIn = Collections.unmodifiableMap(map);
    });
  }

  /** The value must have the shape of this credential (checked on the raw text). */
  public Var<T> format(KeyFormat format) {
    return constrain(new Constraint.Format(Objects.requireNonNull(format, "format")));
  }

  /** The credential shape this variable must have, when {@link #format(KeyFormat)} set one. */
  public Optional<KeyFormat> format() {
    for (Constraint c : constraints) if (c instanceof Constraint.Format f) return Optional.of(f.format());
    return Optional.empty();
  }

  /** The whole value must match this regular expression. */
  public Var<T> pattern(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(name + ": pattern is not a valid regular expression: " + e.getDescription());
    }
    return constrain(new Constraint.Matches(regex));
  }

  /** A number from {@code min} to {@code max}, both inclusive. */
  public Var<T> range(Number min, Number max) {
    return constrain(new Constraint.Range(decimal(min), decimal(max)));
  }

  /** A number of at least {@code min}. */
  public Var<T> min(Number min) {
    return constrain(new Constraint.Range(decimal(min), null));
  }

  /** A number of at most {@code max}. */
  public Var<T> max(Number max) {
    return constrain(new Constraint.Range(null, decimal(max)));
  }

  /** Text of at least {@code min} characters. */
  public Var<T> minLength(int min) {
    return constrain(new Constraint.Length(min, Integer.MAX_VALUE));
  }

  /** Text of {@code min} to {@code max} characters. */
  public Var<T> length(int min, int max) {
    return constrain(new Constraint.Length(min, max));
  }

  /** A URL whose scheme is one of these ({@code "https"}, {@code "wss"}). */
  public Var<T> schemes(String... schemes) {
    return constrain(new Constraint.Schemes(Set.copyOf(
        Arrays.stream(schemes).map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList())));
  }

  /** A URL that must be https (or wss) in these environments. */
  public Var<T> httpsIn(Environment... environments) {
    return constrain(new Constraint.HttpsIn(names(environments)));
  }

  /**
   * A check of your own on the parsed value.
   *
   * @param description what a right value does, completing "set a value that ...": {@code "is a multiple of 1024"}
   */
  public Var<T> check(String description, Predicate<? super T> predicate) {
    return constrain(new Constraint.Custom(description, predicate));
  }

  // --- accessors ------------------------------------------------------------------------------

  /**
   * The platform generates this variable's value once (Render's {@code generateValue: true}); a
   * generated value is a secret.
   */
  public Var<T> generated() {
    return copy(b -> {
      b.source = new ValueSource.Generated();
      b.sensitivity = Sensitivity.SECRET;
    });
  }

  /**
   * The platform sets this variable from a property of another service of the app: a database's
   * {@code connectionString}, a service's {@code host} or {@code hostport}, ...
   */
  public Var<T> fromService(String service, String property) {
    ValueSource s = new ValueSource.FromService(service, Optional.of(property), Optional.empty());
    return copy(b -> b.source = s);
  }

  /** The platform sets this variable from a variable of another service of the app. */
  public Var<T> fromServiceVariable(String service, String variable) {
    ValueSource s = new ValueSource.FromService(service, Optional.empty(), Optional.of(variable));
    return copy(b -> b.source = s);
  }

  /** Where the platform takes the value from, when nobody sets it by hand. */
  public Optional<ValueSource> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The shared group the variable belongs to (a Render env var group): it is declared once in the
   * group, and each service it targets links the group instead of carrying its own copy.
   */
  public Var<T> group(String groupName) {
    Objects.requireNonNull(groupName, "groupName");
    return copy(b -> b.group = groupName);
  }

  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  public String name() {
    return name;
  }

  /** The type's name: {@code string}, {@code port}, {@code secret}, {@code postgres-url}, ... */
  public String typeName() {
    return type.name();
  }

  /** What a right value looks like, in words. */
  public String expected() {
    return type.expected();
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public Sensitivity sensitivity() {
    return sensitivity;
  }

  public boolean isSecret() {
    return sensitivity == Sensitivity.SECRET;
  }

  /** The services that receive this variable; empty means every service. */
  public Set<String> targets() {
    return targets;
  }

  /** Whether {@code service} receives this variable (it is a target, or the variable targets every service). */
  public boolean reaches(String service) {
    return targets.isEmpty() || targets.contains(service);
  }

  /**
   * Whether the variable must have a value in this environment (a default counts as one). Never where
   * it is {@link #forbiddenIn forbidden}.
   */
  public boolean isRequiredIn(Environment environment) {
    if (optional || isForbiddenIn(environment)) return false;
    return requiredIn.isEmpty() || requiredIn.contains(environment.name());
  }

  public boolean isForbiddenIn(Environment environment) {
    return forbiddenIn.contains(environment.name());
  }

  /** The default in this environment: the environment's own, else the global one. */
  public Optional<T> defaultIn(Environment environment) {
    T specific = defaultsIn.get(environment.name());
    return Optional.ofNullable(specific != null ? specific : defaultValue);
  }

  /** The default in this environment as text, as it would be written in a .env file. */
  public Optional<String> defaultTextIn(Environment environment) {
    return defaultIn(environment).map(type::format);
  }

  /** The names of the environments this variable is required in only; empty when required everywhere or optional. */
  public Set<String> requiredInNames() {
    return requiredIn;
  }

  public boolean isOptional() {
    return optional;
  }

  /** The names of the environments this variable must not be set in. */
  public Set<String> forbiddenInNames() {
    return forbiddenIn;
  }

  /**
   * Parses text as this variable's type (no checks, no defaults): for tools that read values from
   * elsewhere, and for defaults written as text.
   *
   * @throws IllegalArgumentException naming what was expected; the message never contains the text
   */
  public T parse(String text) {
    try {
      return type.parse(text);
    } catch (VarType.ValueError e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage() + " (expected " + type.expected() + ")");
    }
  }

  // for the resolver
  VarType<T> type() {
    return type;
  }

  List<Constraint> constraints() {
    return constraints;
  }

  // --- plumbing -------------------------------------------------------------------------------

  private Var<T> constrain(Constraint c) {
    if (!c.appliesTo(type)) {
      String article = "aeio".indexOf(type.name().charAt(0)) >= 0 ? "an " : "a "; // a url, an integer
      throw new IllegalStateException(name + ": " + describe(c) + " does not apply to " + article + type.name()
          + " variable");
    }
    return copy(b -> {
      List<Constraint> list = new ArrayList<>(b.constraints);
      list.add(c);
      b.constraints = List.copyOf(list);
    });
  }

  private static String describe(Constraint c) {
    if (c instanceof Constraint.Range) return "a numeric range";
    if (c instanceof Constraint.Length) return "a length limit";
    if (c instanceof Constraint.Format) return "a key format";
    if (c instanceof Constraint.Schemes) return "a URL scheme rule";
    if (c instanceof Constraint.HttpsIn) return "an https rule";
    return "this check";
  }

  private static BigDecimal decimal(Number n) {
    return new BigDecimal(n.toString());
  }

  private static Set<String> names(Environment... environments) {
    Set<String> set = new LinkedHashSet<>();
    for (Environment e : environments) set.add(e.name());
    return Collections.unmodifiableSet(set);
  }

  private final class Draft {
    @Nullable String description = Var.this.description;
    Sensitivity sensitivity = Var.this.sensitivity;
    Set<String> targets = Var.this.targets;
    boolean optional = Var.this.optional;
    Set<String> requiredIn = Var.this.requiredIn;
    Set<String> forbiddenIn = Var.this.forbiddenIn;
    @Nullable T defaultValue = Var.this.defaultValue;
    Map<String, T> defaultsIn = Var.this.defaultsIn;
    List<Constraint> constraints = Var.this.constraints;
    @Nullable ValueSource source = Var.this.source;
    @Nullable String group = Var.this.group;
  }

  private Var<T> copy(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft();
    change.accept(d);
    return new Var<>(name, type, d.description, d.sensitivity, d.targets, d.optional, d.requiredIn,
        d.forbiddenIn, d.defaultValue, d.defaultsIn, d.constraints, d.source, d.group);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Var<?> v
        && name.equals(v.name) && type.equals(v.type) && Objects.equals(description, v.description)
        && sensitivity == v.sensitivity && targets.equals(v.targets) && optional == v.optional
        && requiredIn.equals(v.requiredIn) && forbiddenIn.equals(v.forbiddenIn)
        && Objects.equals(defaultValue, v.defaultValue) && defaultsIn.equals(v.defaultsIn)
        && new java.util.HashSet<>(constraints).equals(new java.util.HashSet<>(v.constraints))
        && Objects.equals(source, v.source) && Objects.equals(group, v.group);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, sensitivity, targets);
  }

  /** {@code Var[PORT: port, internal]}; never a default value of a secret. */
  @Override
  public String toString() {
    return "Var[" + name + ": " + type.name() + ", " + sensitivity.name().toLowerCase(java.util.Locale.ROOT) + "]";
  }
}
