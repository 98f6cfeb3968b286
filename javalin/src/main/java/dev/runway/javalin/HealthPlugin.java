package dev.runway.javalin;

import dev.runway.health.HealthHandler;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.plugin.Plugin;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code /api/health} endpoints ({@link HealthHandler}) as a Javalin 6 plugin.
 *
 * <p>The plugin routes {@link HealthOptions#basePath()} and every path below it to the handler, for
 * GET, HEAD, POST, PUT, PATCH and DELETE, so other methods get the handler's {@code 405} with
 * {@code Allow: GET, HEAD} and unknown paths below the base its {@code 404}. When every probe
 * result is cached the answer is written at once; otherwise it is handed to Javalin as a future
 * ({@code ctx.future}), so a deep check never holds a Jetty thread while dependencies answer.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config ->
 *     config.registerPlugin(HealthPlugin.of(registry, Health.options().detailsToken(token).build())));
 * }</pre>
 */
public final class HealthPlugin extends Plugin<Void> {
  private static final List<HandlerType> METHODS = List.of(
      HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final HealthHandler handler;
  private final String basePath;

  private HealthPlugin(HealthHandler handler, String basePath) {
    this.handler = handler;
    this.basePath = basePath;
  }

  /** A plugin answering the registry's endpoints below {@link HealthOptions#basePath()}. */
  public static HealthPlugin of(HealthRegistry registry, HealthOptions options) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(options, "options");
    return new HealthPlugin(HealthHandler.create(registry, options), options.basePath());
  }

  @Override
  public void onInitialize(JavalinConfig config) {
    config.router.mount(routing -> {
      for (HandlerType method : METHODS) {
        routing.addHttpHandler(method, basePath, this::handle);
        routing.addHttpHandler(method, basePath + "/<rest>", this::handle);
      }
    });
  }

  @Override
  public String name() {
    return "runway-health";
  }

  private void handle(Context ctx) {
    HttpServletRequest req = ctx.req();
    // The handler routes on the path below the application's context path, as received.
    String path = req.getRequestURI().substring(req.getContextPath().length());
    CompletableFuture<HealthHandler.Response> answer = handler.handle(
        req.getMethod(), path, req.getQueryString(), name -> Optional.ofNullable(req.getHeader(name)),
        req.getContentLengthLong());
    if (answer.isDone()) {
      write(ctx, answer.join());
    } else {
      // Never completes exceptionally: the registry answers within its deadline.
      ctx.future(() -> answer.thenAccept(response -> write(ctx, response)));
    }
  }

  private static void write(Context ctx, HealthHandler.Response response) {
    ctx.status(response.status());
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type")) ctx.contentType(h.getValue());
      else ctx.header(h.getKey(), h.getValue());
    }
    ctx.result(response.body());
  }
}
