@rem runway: the command line of an installed Runway distribution, on Windows (docs/cli.md#install).
@rem Needs a JDK 17 or later: %JAVA_HOME%\bin\java.exe if JAVA_HOME is set, else java.exe on PATH.
@rem RUNWAY_JAVA_OPTS adds JVM options after the defaults. RUNWAY_CDS=off skips the start-up archive,
@rem which is recorded on first run in %LOCALAPPDATA%\runway\<version>\ (one per JDK folder) and used
@rem afterwards; when it cannot be made or used, runway runs without it.
@rem Paths may hold spaces and parentheses: they are only ever expanded inside quotes, outside blocks.
@echo off
setlocal EnableExtensions DisableDelayedExpansion

set "RUNWAY_DIST=%~dp0.."
for %%i in ("%RUNWAY_DIST%") do set "RUNWAY_DIST=%%~fi"

set "RUNWAY_JAR="
for %%f in ("%RUNWAY_DIST%\lib\runway-cli-*.jar") do set "RUNWAY_JAR=%%~ff"
if defined RUNWAY_JAR goto havejar
echo runway: "%RUNWAY_DIST%\lib\runway-cli-<version>.jar" is missing; unpack the distribution again 1>&2
exit /b 2
:havejar
for %%f in ("%RUNWAY_JAR%") do set "RUNWAY_VERSION=%%~nf"
set "RUNWAY_VERSION=%RUNWAY_VERSION:runway-cli-=%"

if not defined JAVA_HOME goto javafrompath
set "RUNWAY_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%RUNWAY_JAVA%" goto havejava
echo runway: JAVA_HOME is "%JAVA_HOME%" but "%RUNWAY_JAVA%" is not there; point JAVA_HOME at a JDK 17 or later 1>&2
exit /b 2
:javafrompath
set "RUNWAY_JAVA=java.exe"
where java.exe >nul 2>&1
if not errorlevel 1 goto havejava
echo runway: no java.exe on PATH; install a JDK 17 or later or set JAVA_HOME 1>&2
exit /b 2
:havejava

set "RUNWAY_JSA="
if /i "%RUNWAY_CDS%"=="off" goto run
if not defined LOCALAPPDATA goto run
set "RUNWAY_CDS_DIR=%LOCALAPPDATA%\runway\%RUNWAY_VERSION%"
set "RUNWAY_JDK_KEY=%JAVA_HOME%"
if not defined RUNWAY_JDK_KEY set "RUNWAY_JDK_KEY=path"
set "RUNWAY_JDK_KEY=%RUNWAY_JDK_KEY:\=_%"
set "RUNWAY_JDK_KEY=%RUNWAY_JDK_KEY::=_%"
set "RUNWAY_JDK_KEY=%RUNWAY_JDK_KEY: =_%"
set "RUNWAY_JDK_KEY=%RUNWAY_JDK_KEY:(=_%"
set "RUNWAY_JDK_KEY=%RUNWAY_JDK_KEY:)=_%"
set "RUNWAY_CDS_FILE=%RUNWAY_CDS_DIR%\runway-%RUNWAY_JDK_KEY%.jsa"
if exist "%RUNWAY_CDS_FILE%" goto usecds
if exist "%RUNWAY_CDS_FILE%.failed" goto run
if not exist "%RUNWAY_CDS_DIR%" mkdir "%RUNWAY_CDS_DIR%" >nul 2>&1
if not exist "%RUNWAY_CDS_DIR%" goto run
"%RUNWAY_JAVA%" "-XX:ArchiveClassesAtExit=%RUNWAY_CDS_FILE%" -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=off -cp "%RUNWAY_JAR%" dev.runway.cli.Main validate --config "%RUNWAY_DIST%\lib\cds-training\runway.conf" --all <nul >nul 2>&1
if exist "%RUNWAY_CDS_FILE%" goto usecds
type nul > "%RUNWAY_CDS_FILE%.failed" 2>nul
goto run
:usecds
set "RUNWAY_JSA=%RUNWAY_CDS_FILE%"

:run
if defined RUNWAY_JSA goto runcds
"%RUNWAY_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m %RUNWAY_JAVA_OPTS% -cp "%RUNWAY_JAR%" dev.runway.cli.Main %*
exit /b %ERRORLEVEL%
:runcds
"%RUNWAY_JAVA%" "-XX:SharedArchiveFile=%RUNWAY_JSA%" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m %RUNWAY_JAVA_OPTS% -cp "%RUNWAY_JAR%" dev.runway.cli.Main %*
exit /b %ERRORLEVEL%
