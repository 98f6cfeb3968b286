package dev.runway.env;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a well-known credential, used with {@link Var#format(KeyFormat)} so that a key pasted
 * into the wrong variable is caught before deploy. Named formats are also available in runway.conf
 * ({@code format = openai}).
 *
 * <p>Formats check shape only (prefix, alphabet, length), never the key itself. Immutable.
 */
public final class KeyFormat {
  // Classes are written \w (ASCII [A-Za-z0-9_]) and \p{Alnum} (ASCII [A-Za-z0-9]): one test per
  // character instead of a chain of ranges, which the log masker feels on every key-shaped word.
  public static final KeyFormat OPENAI = new KeyFormat(
      "openai", "^sk-(?!ant-)(?:proj-|svcacct-|admin-)?[\\w-]{20,}$",
      "an OpenAI API key (sk-... or sk-proj-...)", "create one at platform.openai.com/api-keys");
  public static final KeyFormat ANTHROPIC = new KeyFormat(
      "anthropic", "^sk-ant-[\\w-]{20,}$",
      "an Anthropic API key (sk-ant-...)", "create one at console.anthropic.com/settings/keys");
  public static final KeyFormat LLAMACLOUD = new KeyFormat(
      "llamacloud", "^llx-[\\w-]{20,}$",
      "a LlamaCloud API key (llx-...)", "create one at cloud.llamaindex.ai under API keys");
  public static final KeyFormat JWT = new KeyFormat(
      "jwt", "^eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*$",
      "a JWT (three base64url parts, eyJ...)", "copy the whole token, all three dot-separated parts");
  public static final KeyFormat SUPABASE_PUBLISHABLE = new KeyFormat(
      "supabase-publishable", "^sb_publishable_[\\w-]{10,}$",
      "a Supabase publishable key (sb_publishable_...)", "copy it from the Supabase dashboard, Project Settings > API Keys");
  public static final KeyFormat SUPABASE_SECRET = new KeyFormat(
      "supabase-secret", "^sb_secret_[\\w-]{10,}$",
      "a Supabase secret key (sb_secret_...)", "copy it from the Supabase dashboard, Project Settings > API Keys");
  public static final KeyFormat SUPABASE_ACCESS_TOKEN = new KeyFormat(
      "supabase-access-token", "^sbp_\\p{Alnum}{20,}$",
      "a Supabase personal access token (sbp_...)", "create one at supabase.com/dashboard/account/tokens");
  public static final KeyFormat RENDER_API_KEY = new KeyFormat(
      "render", "^rnd_\\p{Alnum}{20,}$",
      "a Render API key (rnd_...)", "create one in the Render dashboard, Account Settings > API Keys");
  public static final KeyFormat VERCEL_TOKEN = new KeyFormat(
      "vercel", "^\\p{Alnum}{24}$",
      "a Vercel access token (24 letters and digits)", "create one at vercel.com/account/tokens");
  public static final KeyFormat GITHUB_TOKEN = new KeyFormat(
      "github", "^(?:gh[pousr]_\\p{Alnum}{36,}|github_pat_\\w{22,})$",
      "a GitHub token (ghp_..., github_pat_...)", "create one at github.com/settings/tokens");
  public static final KeyFormat STRIPE_SECRET = new KeyFormat(
      "stripe-secret", "^(?:sk|rk)_(?:live|test)_\\p{Alnum}{10,}$",
      "a Stripe secret key (sk_live_..., sk_test_...)", "copy it from dashboard.stripe.com/apikeys");

  // --- Added for the security audit (dev.runway.security.Audit) -----------------------------
  // Shapes follow gitleaks' public rule set (github.com/gitleaks/gitleaks, config/gitleaks.toml,
  // generated from cmd/generate/config/rules/aws.go "aws-access-token" and privatekey.go
  // "private-key"); the expressions are written here for whole-value matching, not copied.
  public static final KeyFormat AWS_ACCESS_KEY = new KeyFormat(
      "aws-access-key", "^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$",
      "an AWS access key id (AKIA...)", "create one in the AWS IAM console, or better, use short-lived credentials");
  public static final KeyFormat PRIVATE_KEY = new KeyFormat(
      "private-key", "(?s)^\\s*-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----.+-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----\\s*$",
      "a PEM private key (-----BEGIN ... PRIVATE KEY-----)", "paste the whole PEM block, from the BEGIN line to the END line");
  // --- end of the audit's additions ------------------------------------------------------------

  private static final List<KeyFormat> NAMED = List.of(
      OPENAI, ANTHROPIC, LLAMACLOUD, JWT, SUPABASE_PUBLISHABLE, SUPABASE_SECRET,
      SUPABASE_ACCESS_TOKEN, RENDER_API_KEY, VERCEL_TOKEN, GITHUB_TOKEN, STRIPE_SECRET,
      AWS_ACCESS_KEY, PRIVATE_KEY);

  private final String name;
  private final Pattern pattern;
  private final String description;
  private final String fix;

  private KeyFormat(String name, String regex, String description, String fix) {
    this.name = name;
    this.pattern = Pattern.compile(regex);
    this.description = description;
    this.fix = fix;
  }

  /** A format of your own: a name for messages, a regular expression the whole value must match. */
  public static KeyFormat of(String name, String regex, String description) {
    return new KeyFormat(name, regex, description, "set it to " + description);
  }

  /** The built-in format with this name ({@code openai}, {@code anthropic}, ...). */
  public static Optional<KeyFormat> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return NAMED.stream().filter(f -> f.name.equals(lower)).findFirst();
  }

  /** Every built-in format. */
  public static List<KeyFormat> builtIn() {
    return NAMED;
  }

  public String name() {
    return name;
  }

  /** What a matching value looks like, for messages: "an OpenAI API key (sk-... or sk-proj-...)". */
  public String description() {
    return description;
  }

  /** Where to get a right value. */
  public String fix() {
    return fix;
  }

  public String regex() {
    return pattern.pattern();
  }

  public boolean matches(String value) {
    return pattern.matcher(value).matches();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof KeyFormat other && name.equals(other.name) && regex().equals(other.regex());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, regex());
  }

  @Override
  public String toString() {
    return name;
  }
}
