package dev.runway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Flask API on Render and a Next.js site on Vercel, as a team would have them before Runway: the
 * fixture of InitCommandTest. Every key in it is fake.
 */
final class FlaskNextFixture {
  static final String RENDER_YAML = """
      previews:
        generation: automatic
      services:
        - type: web
          name: Flask API
          runtime: python
          plan: free
          region: oregon
          rootDir: backend
          buildCommand: pip install -r requirements.txt
          startCommand: gunicorn app:app --bind 0.0.0.0:$PORT
          preDeployCommand: flask db upgrade
          healthCheckPath: /healthz
          buildFilter:
            paths:
              - backend/**
          envVars:
            - key: DATABASE_URL
              fromDatabase:
                name: flask-db
                property: connectionString
            - key: FLASK_SECRET_KEY
              generateValue: true
            - key: OPENAI_API_KEY
              sync: false
            - key: MAIL_PASSWORD
              sync: false
            - key: SENTRY_DSN
              sync: false
            - key: CORS_ORIGINS
              sync: false
            - key: DEBUG
              sync: false
            - key: PORT
              value: 10000
            - key: LOG_LEVEL
              value: info
              previewValue: debug
            - key: REQUEST_TIMEOUT
              value: 45s
            - key: ADMIN_EMAIL
              value: ops@flaskapp.dev
            - fromGroup: flask-settings
      envVarGroups:
        - name: flask-settings
          envVars:
            - key: WEB_CONCURRENCY
              value: 2
      databases:
        - name: flask-db
          plan: free
          databaseName: flaskapp
          user: flaskapp
          ipAllowList: []
      """;

  static final String VERCEL_JSON = """
      {
        "$schema": "https://openapi.vercel.sh/vercel.json",
        "cleanUrls": true,
        "rewrites": [
          { "source": "/api/:path*", "destination": "https://flask-api.onrender.com/:path*" }
        ],
        "headers": [
          { "source": "/(.*)", "headers": [ { "key": "X-Frame-Options", "value": "DENY" } ] }
        ]
      }
      """;

  static final String PACKAGE_JSON = """
      { "name": "flaskapp-web", "private": true,
        "dependencies": { "next": "14.2.3", "react": "18.3.1", "react-dom": "18.3.1" } }
      """;

  static final String ENV_EXAMPLE = """
      # Copy to .env and fill in. Never commit real keys.

      # Backend (Flask)
      PORT=5000
      DEBUG=false
      DATABASE_URL=postgres://user:pass@localhost:5432/app
      FLASK_SECRET_KEY=change-me
      OPENAI_API_KEY=sk-...
      LOG_LEVEL=warning
      SENTRY_DSN=
      REQUEST_TIMEOUT=10s
      CORS_ORIGINS=http://localhost:3000,http://127.0.0.1:3000
      ADMIN_EMAIL=admin@example.com

      # Frontend (Next.js)
      NEXT_PUBLIC_API_URL=http://localhost:5000
      NEXT_PUBLIC_SUPABASE_ANON_KEY=your-anon-key
      """;

  static final String BACKEND_ENV_EXAMPLE = """
      # SMTP for password resets
      MAIL_PASSWORD=your-smtp-password
      """;

  static final String FRONTEND_ENV_EXAMPLE = """
      NEXT_PUBLIC_SUPABASE_URL=https://your-project.supabase.co
      REVALIDATE_SECRET=replace-me
      """;

  /** The production settings a team keeps in the repository: no secret among them. */
  static String envProduction() {
    return "DEBUG=false\n"
        + "NEXT_PUBLIC_API_URL=https://api.flaskapp.dev\n"
        + "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + anonJwt() + "\n"
        + "REQUEST_TIMEOUT=60s\n";
  }

  /** A made-up Supabase anon key: a JWT whose payload says role anon, with a signature of nothing. */
  static String anonJwt() {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
        + b.encodeToString("{\"iss\":\"supabase\",\"ref\":\"fakefakefake\",\"role\":\"anon\"}".getBytes())
        + ".FAKEsignatureFAKEsignatureFAKE";
  }

  static Map<String, String> files() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("render.yaml", RENDER_YAML);
    f.put("vercel.json", VERCEL_JSON);
    f.put("frontend/package.json", PACKAGE_JSON);
    f.put(".env.example", ENV_EXAMPLE);
    f.put("backend/.env.example", BACKEND_ENV_EXAMPLE);
    f.put("frontend/.env.local.example", FRONTEND_ENV_EXAMPLE);
    f.put(".env.production", envProduction());
    return f;
  }

  static Path write(Path dir) throws IOException {
    for (Map.Entry<String, String> e : files().entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    return dir;
  }

  private FlaskNextFixture() {}
}
