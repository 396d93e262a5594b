# The support dashboard (the default target) and the simulated Vital team (target "simulator"), from one build:
#
#   docker build -t vital-pull-dashboard .
#   docker build --target simulator -t vital-simulator .
#
# Both run as the image's non-root user (app, UID 1654) on port 8080. No key or secret is ever part of the build:
# the Vital key reaches the dashboard at run time, as a Docker secret (docs/deploy-with-docker.md).
# Plain Dockerfile syntax only, so BuildKit and the legacy builder both build it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore as its own layer: redone only when a project file, a central package version or the SDK pin changes.
# Every project under src/ is listed here (a test checks that none is missing).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Vital.Introspection/Vital.Introspection.csproj src/Vital.Introspection/
COPY src/Vital.Simulator/Vital.Simulator.csproj src/Vital.Simulator/
COPY src/Vital.Simulator.Host/Vital.Simulator.Host.csproj src/Vital.Simulator.Host/
COPY src/Dashboard.Diagnosis/Dashboard.Diagnosis.csproj src/Dashboard.Diagnosis/
COPY src/Dashboard.Store/Dashboard.Store.csproj src/Dashboard.Store/
COPY src/Dashboard.Web/Dashboard.Web.csproj src/Dashboard.Web/
# The dashboard for the build machine's Linux architecture (x64 or arm64), with ReadyToRun code (below).
RUN rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" \
 && echo "$rid" > /tmp/rid \
 && dotnet restore src/Dashboard.Web/Dashboard.Web.csproj -r "$rid" -p:PublishReadyToRun=true \
 && dotnet restore src/Vital.Simulator.Host/Vital.Simulator.Host.csproj

# Both applications in one step: the simulator reuses the libraries the dashboard's publish compiled (the
# simulator library is part of the dashboard's demo mode), so the second publish costs seconds. The dashboard is
# framework-dependent with ReadyToRun code (ADR 0029): it starts and runs its first scan without JIT-compiling
# every method first (measured: the grid's first rows 2.4-3.4 s after a restart instead of 3.8-4.7 s, a first
# 10,000-user scan 1.29-1.34x its floor instead of 1.37-1.76x). The simulator, a test fixture, stays plain IL.
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Dashboard.Web/Dashboard.Web.csproj --no-restore -c Release -r "$(cat /tmp/rid)" --self-contained false \
      -p:PublishReadyToRun=true -o /out/dashboard -p:UseAppHost=false \
 && dotnet publish src/Vital.Simulator.Host/Vital.Simulator.Host.csproj --no-restore -c Release -o /out/simulator -p:UseAppHost=false

# A health probe that needs nothing the runtime image lacks (it has no curl or wget): bash opens a TCP connection,
# asks for /healthz over HTTP/1.0 and succeeds only on a 200 status line. No Host header, so a restricted
# AllowedHosts does not turn the probe away (empty hosts are allowed). Both final stages use it.

# --- the simulated Vital team over HTTP (docker build --target simulator) -----------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS simulator
WORKDIR /app
COPY --from=build /out/simulator ./
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "port=${ASPNETCORE_HTTP_PORTS:-8080}; exec 3<>/dev/tcp/127.0.0.1/${port%%[;,]*} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == HTTP/1.[01]' 200 '* ]]"]
ENTRYPOINT ["dotnet", "Vital.Simulator.Host.dll"]

# --- the dashboard (the default target) --------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dashboard
WORKDIR /app
# Volume paths: Data Protection keys (sign-in cookies and antiforgery tokens survive restarts and are shared by
# replicas), the audit trail, and the history store's SQLite file (/app/data/dashboard.db, the default). Owned by
# the app user, so a new named volume mounted here is writable too; the application files stay root's, read-only
# for the app.
RUN mkdir -p /app/keys /app/audit /app/data \
 && chown "$APP_UID:$APP_UID" /app/keys /app/audit /app/data \
 && chmod 0700 /app/keys /app/audit /app/data
COPY --from=build /out/dashboard ./
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "port=${ASPNETCORE_HTTP_PORTS:-8080}; exec 3<>/dev/tcp/127.0.0.1/${port%%[;,]*} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == HTTP/1.[01]' 200 '* ]]"]
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
