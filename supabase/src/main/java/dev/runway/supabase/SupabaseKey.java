package dev.runway.supabase;

import tools.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Supabase credential recognised by its shape: a legacy JWT API key (told apart by its
 * {@code role} claim: {@code anon} or {@code service_role}), a new {@code sb_publishable_} or
 * {@code sb_secret_} API key, or an {@code sbp_} personal access token for the Management API.
 *
 * <p>Recognition reads the JWT's payload without verifying its signature: it answers "what kind of
 * key was pasted here", not "is this key valid". {@link #toString()} never shows the key.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SupabaseKey key = SupabaseKey.of(System.getenv("NEXT_PUBLIC_SUPABASE_ANON_KEY"));
 * key.kind();            // SERVICE_ROLE
 * key.isPrivileged();    // true: it bypasses row-level security and must never reach a browser
 * }</pre>
 */
public final class SupabaseKey {

  /** What a credential is. */
  public enum Kind {
    /** A legacy JWT API key with {@code role = anon}: public by design, row-level security applies. */
    ANON(false, true),
    /** A legacy JWT API key with {@code role = service_role}: bypasses row-level security. */
    SERVICE_ROLE(true, true),
    /** A new publishable API key ({@code sb_publishable_...}): public by design. */
    PUBLISHABLE(false, false),
    /** A new secret API key ({@code sb_secret_...}): bypasses row-level security. */
    SECRET(true, false),
    /** A personal access token for the Management API ({@code sbp_...}): controls the whole account. */
    ACCESS_TOKEN(true, false),
    /** A JWT with another role (a user's session token, say). */
    OTHER_JWT(false, true),
    /** Not a Supabase credential this module knows. */
    UNKNOWN(false, false);

    private final boolean privileged;
    private final boolean jwt;

    Kind(boolean privileged, boolean jwt) {
      this.privileged = privileged;
      this.jwt = jwt;
    }

    /** Whether it bypasses row-level security or controls the account: it must stay on servers. */
    public boolean isPrivileged() {
      return privileged;
    }

    /** Whether the key is a legacy JWT (sent as {@code apikey} and as {@code Authorization: Bearer}). */
    public boolean isJwt() {
      return jwt;
    }
  }

  private final Kind kind;
  private final String value;
  private final @Nullable String role;
  private final @Nullable String ref;
  private final @Nullable String issuer;

  private SupabaseKey(Kind kind, String value, @Nullable String role, @Nullable String ref, @Nullable String issuer) {
    this.kind = kind;
    this.value = value;
    this.role = role;
    this.ref = ref;
    this.issuer = issuer;
  }

  /** Recognises a key; never throws for any text (an unrecognised one is {@link Kind#UNKNOWN}). */
  public static SupabaseKey of(String text) {
    Objects.requireNonNull(text, "text");
    String v = text.trim();
    if (v.startsWith("sb_publishable_")) return new SupabaseKey(Kind.PUBLISHABLE, v, null, null, null);
    if (v.startsWith("sb_secret_")) return new SupabaseKey(Kind.SECRET, v, null, null, null);
    if (v.startsWith("sbp_")) return new SupabaseKey(Kind.ACCESS_TOKEN, v, null, null, null);
    JsonNode claims = claims(v);
    if (claims == null) return new SupabaseKey(Kind.UNKNOWN, v, null, null, null);
    String role = text(claims, "role");
    Kind kind = "anon".equals(role) ? Kind.ANON : "service_role".equals(role) ? Kind.SERVICE_ROLE : Kind.OTHER_JWT;
    return new SupabaseKey(kind, v, role, text(claims, "ref"), text(claims, "iss"));
  }

  private static @Nullable JsonNode claims(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3 || !parts[0].startsWith("eyJ")) return null;
    try {
      byte[] payload = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
      JsonNode node = JsonMapper.shared().readTree(new String(payload, StandardCharsets.UTF_8));
      return node != null && node.isObject() ? node : null;
    } catch (RuntimeException e) { // bad base64 or JSON: not a JWT we can read; the text is never echoed
      return null;
    }
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') end--;
    return s.substring(0, end);
  }

  private static @Nullable String text(JsonNode claims, String name) {
    JsonNode n = claims.get(name);
    return n != null && n.isString() ? n.asString() : null;
  }

  public Kind kind() {
    return kind;
  }

  /** See {@link Kind#isPrivileged()}. */
  public boolean isPrivileged() {
    return kind.isPrivileged();
  }

  /** The JWT's {@code role} claim, for JWT keys. */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /** The JWT's {@code ref} claim (the project ref), for legacy API keys that carry one. */
  public Optional<String> projectRef() {
    return Optional.ofNullable(ref);
  }

  /** The JWT's {@code iss} claim ({@code supabase} for Supabase's API keys). */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** Whether this is recognisably a Supabase credential (an sb_/sbp_ prefix, or a JWT issued by Supabase). */
  public boolean isSupabase() {
    return switch (kind) {
      case PUBLISHABLE, SECRET, ACCESS_TOKEN -> true;
      case ANON, SERVICE_ROLE -> true;
      case OTHER_JWT -> "supabase".equals(issuer);
      case UNKNOWN -> false;
    };
  }

  /** The key itself, for sending. Never log it. */
  public String reveal() {
    return value;
  }

  /** How people call this kind: {@code "a service_role key"}, {@code "an sb_secret_ key"}. */
  public String describe() {
    return switch (kind) {
      case ANON -> "an anon key";
      case SERVICE_ROLE -> "a service_role key";
      case PUBLISHABLE -> "an sb_publishable_ key";
      case SECRET -> "an sb_secret_ key";
      case ACCESS_TOKEN -> "an sbp_ personal access token";
      case OTHER_JWT -> "a JWT with role " + (role == null ? "(none)" : role);
      case UNKNOWN -> "an unrecognised key";
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SupabaseKey k && value.equals(k.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** {@code SupabaseKey[SERVICE_ROLE ****]}: never the key. */
  @Override
  public String toString() {
    return "SupabaseKey[" + kind + " ****]";
  }
}
