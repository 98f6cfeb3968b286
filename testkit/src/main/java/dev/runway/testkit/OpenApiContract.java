package dev.runway.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Holds clients and sandboxes to a vendor's OpenAPI spec: every request and response that passes
 * through {@link #interceptor()} is validated (path, method, parameters, body schema), and the
 * violations are collected for the test to assert on.
 *
 * <pre>{@code
 * OpenApiContract contract = OpenApiContract.forSpec("render/render-public-api-openapi.json");
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(contract.interceptor()).build();
 * ... run the client against the sandbox ...
 * assertThat(contract.violations()).isEmpty();
 * assertThat(contract.checkedOperations()).contains("POST /v1/services/{serviceId}/rollback");
 * }</pre>
 *
 * <p>The vendors' specs fail the validator's strict loader (repeated parameters and the like), so
 * they are parsed leniently with swagger-parser and shared, one per spec, across the test run.
 */
public final class OpenApiContract {
  private static final Map<String, OpenAPI> SPECS = new ConcurrentHashMap<>();

  private final OpenApiInteractionValidator validator;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> checked = new CopyOnWriteArrayList<>();

  private OpenApiContract(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  /** A contract for a spec under shared/specs, matching request paths as the spec's servers give them. */
  public static OpenApiContract forSpec(String specFile) {
    return new OpenApiContract(OpenApiInteractionValidator.createFor(spec(specFile)).build());
  }

  /**
   * A contract whose request paths start with {@code basePath} (e.g. {@code "/v1"}) whatever the
   * spec's server URL says.
   */
  public static OpenApiContract forSpec(String specFile, String basePath) {
    return new OpenApiContract(
        OpenApiInteractionValidator.createFor(spec(specFile)).withBasePathOverride(basePath).build());
  }

  /** The parsed spec, shared across the test run. */
  public static OpenAPI spec(String specFile) {
    return SPECS.computeIfAbsent(specFile, f -> {
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      OpenAPI api = new OpenAPIV3Parser().read(Specs.path(f).toString(), null, options);
      if (api == null) throw new IllegalStateException("swagger-parser could not read " + f);
      return api;
    });
  }

  /** An OkHttp interceptor that validates every exchange it sees and records the violations. */
  public Interceptor interceptor() {
    return chain -> {
      okhttp3.Request request = chain.request();
      String requestBody = bodyOf(request.body());
      okhttp3.Response response = chain.proceed(request);
      ResponseBody body = response.body();
      String responseText = body == null ? "" : body.string();
      MediaType type = body == null ? null : body.contentType();
      check(request, requestBody, response, responseText);
      return response.newBuilder().body(ResponseBody.create(responseText, type)).build();
    };
  }

  /** Validates one exchange given as plain values; returns its violations (also recorded). */
  public List<String> check(
      String method,
      String path,
      Map<String, String> query,
      String requestContentType,
      String requestBody,
      int status,
      String responseContentType,
      String responseBody) {
    SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path);
    query.forEach(rb::withQueryParam);
    if (!requestBody.isEmpty()) rb.withBody(requestBody).withContentType(requestContentType);
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(status);
    if (!responseBody.isEmpty()) sb.withBody(responseBody).withContentType(responseContentType);
    return record(method + " " + path, validator.validate(rb.build(), sb.build()));
  }

  /** Every violation seen so far, each naming the operation and the validator's message. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every exchange checked so far, as {@code METHOD /path}. */
  public List<String> checkedOperations() {
    return List.copyOf(checked);
  }

  private void check(okhttp3.Request request, String requestBody, okhttp3.Response response, String responseBody) {
    SimpleRequest.Builder rb = new SimpleRequest.Builder(request.method(), request.url().encodedPath());
    for (String name : request.url().queryParameterNames()) {
      rb.withQueryParam(name, request.url().queryParameterValues(name).stream()
          .map(v -> v == null ? "" : v).toList());
    }
    request.headers().forEach(h -> rb.withHeader(h.getFirst(), h.getSecond()));
    if (!requestBody.isEmpty()) {
      rb.withBody(requestBody);
      RequestBody body = request.body();
      if (body != null && body.contentType() != null) rb.withContentType(body.contentType().toString());
    }
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(response.code());
    response.headers().forEach(h -> sb.withHeader(h.getFirst(), h.getSecond()));
    if (!responseBody.isEmpty()) sb.withBody(responseBody);
    record(request.method() + " " + request.url().encodedPath(), validator.validate(rb.build(), sb.build()));
  }

  private List<String> record(String operation, ValidationReport report) {
    checked.add(operation);
    List<String> found = report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> operation + ": " + m.getKey() + ": " + m.getMessage())
        .toList();
    violations.addAll(found);
    return found;
  }

  private static String bodyOf(RequestBody body) throws IOException {
    if (body == null) return "";
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readString(StandardCharsets.UTF_8);
  }

}
