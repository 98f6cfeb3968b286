package dev.runway.notify.internal;

import dev.runway.base.RunwayException;
import dev.runway.base.Secret;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One webhook notifier; the URL stays a Secret until the request is built. */
public final class Webhook implements Notifier {
  public enum Format { SLACK, DISCORD, GENERIC }

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final OkHttpClient BASE = new OkHttpClient.Builder().followRedirects(false).build();

  private final Format format;
  private final Secret url;
  private final Duration timeout;
  private final OkHttpClient client;

  public Webhook(Format format, Secret url, Duration timeout) {
    if (HttpUrl.parse(url.reveal()) == null) {
      // Never echo the value: it is a secret.
      throw new IllegalArgumentException("notify: " + name(format) + ": webhook URL is not an http(s) URL; "
          + "copy it again from the " + name(format) + " settings");
    }
    this.format = format;
    this.url = url;
    this.timeout = timeout;
    this.client = BASE.newBuilder().callTimeout(timeout).build();
  }

  public Webhook withTimeout(Duration newTimeout) {
    return new Webhook(format, url, newTimeout);
  }

  private static String name(Format f) {
    return f.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void send(Notification n) {
    String body = JsonMapper.shared().writeValueAsString(payload(format, n));
    Request request = new Request.Builder().url(url.reveal()).post(RequestBody.create(body, JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new RunwayException.PlatformRejected(name(format), response.code(), null,
            "notify: " + name(format) + ": webhook answered HTTP " + response.code()
                + "; check that the webhook still exists (the URL is not shown: it holds a token)", null);
      }
    } catch (IOException e) {
      throw new RunwayException.PlatformRejected(name(format), 0, null,
          "notify: " + name(format) + ": no answer within " + timeout.toMillis() + " ms ("
              + e.getClass().getSimpleName() + "); check the network and the webhook", null);
    }
  }

  static int color(Notification.Severity s) {
    return switch (s) {
      case INFO -> 0x3B82F6;
      case SUCCESS -> 0x22C55E;
      case WARNING -> 0xF59E0B;
      case FAILURE -> 0xEF4444;
    };
  }

  public static ObjectNode payload(Format format, Notification n) {
    ObjectNode root = JsonMapper.shared().createObjectNode();
    String link = n.link().map(Object::toString).orElse(null);
    switch (format) {
      case SLACK -> {
        root.put("text", "*" + n.title() + "*" + (n.text().isEmpty() ? "" : "\n" + n.text())
            + (link == null ? "" : "\n<" + link + "|View run>"));
        ObjectNode att = root.putArray("attachments").addObject();
        att.put("color", String.format(Locale.ROOT, "#%06X", color(n.severity())));
        ArrayNode fields = att.putArray("fields");
        for (Map.Entry<String, String> f : n.fields().entrySet()) {
          fields.addObject().put("title", f.getKey()).put("value", f.getValue()).put("short", true);
        }
      }
      case DISCORD -> {
        root.put("content", n.title());
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", n.title());
        if (!n.text().isEmpty()) embed.put("description", n.text());
        if (link != null) embed.put("url", link);
        embed.put("color", color(n.severity()));
        ArrayNode fields = embed.putArray("fields");
        for (Map.Entry<String, String> f : n.fields().entrySet()) {
          fields.addObject().put("name", f.getKey()).put("value", f.getValue()).put("inline", true);
        }
      }
      case GENERIC -> {
        root.put("event", n.event());
        root.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
        root.put("title", n.title());
        root.put("text", n.text());
        ObjectNode fields = root.putObject("fields");
        n.fields().forEach(fields::put);
        if (link != null) root.put("link", link);
      }
    }
    return root;
  }

  @Override
  public String toString() {
    return name(format) + " notifier (webhook " + Secret.MASK + ")";
  }
}
