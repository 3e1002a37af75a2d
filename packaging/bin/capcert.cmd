@echo off
rem capcert launcher (Windows): runs lib\capcert.jar with Java 17 or later, found through JAVA_HOME,
rem else the java on PATH, with the JVM options each command runs fastest with. Extra JVM options
rem (e.g. -Xmx8g) go in CAPCERT_OPTS.
rem Messages that name a path are echoed outside parenthesised blocks: a path such as
rem "C:\Program Files (x86)\..." would end the block at its ")".
setlocal EnableExtensions DisableDelayedExpansion

set "CAPCERT_JAR=%~dp0..\lib\capcert.jar"
if exist "%CAPCERT_JAR%" goto :find_java
echo capcert: %CAPCERT_JAR% is missing: unpack the whole capcert zip, bin and lib side by side 1>&2
exit /b 4

:find_java
set "CAPCERT_JAVA="
if not defined JAVA_HOME goto :java_on_path
set "CAPCERT_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%CAPCERT_JAVA%" goto :java_version
echo capcert: JAVA_HOME is %JAVA_HOME%, but %CAPCERT_JAVA% is not there: set JAVA_HOME to a Java 17 or later, or clear it to use the java on PATH 1>&2
exit /b 4

:java_on_path
for /f "delims=" %%j in ('where java.exe 2^>nul') do if not defined CAPCERT_JAVA set "CAPCERT_JAVA=%%j"
if defined CAPCERT_JAVA goto :java_version
echo capcert: no Java found: install Java 17 or later, e.g. Eclipse Temurin, and put it on PATH, or set JAVA_HOME 1>&2
exit /b 4

:java_version
rem Java's version, from the release file of its installation: no second JVM start. Without one
rem (the javapath links some installers put on PATH), java -version tells.
set "CAPCERT_VERSION="
for %%h in ("%CAPCERT_JAVA%\..\..") do set "CAPCERT_JAVA_HOME=%%~fh"
if exist "%CAPCERT_JAVA_HOME%\release" for /f "tokens=2 delims==" %%v in ('findstr /b /c:"JAVA_VERSION=" "%CAPCERT_JAVA_HOME%\release"') do set "CAPCERT_VERSION=%%~v"
if not defined CAPCERT_VERSION for /f "tokens=3" %%v in ('call "%CAPCERT_JAVA%" -version 2^>^&1 ^| findstr /i /c:" version "') do if not defined CAPCERT_VERSION set "CAPCERT_VERSION=%%~v"
set "CAPCERT_MAJOR="
if defined CAPCERT_VERSION for /f "tokens=1,2 delims=.+-_" %%a in ("%CAPCERT_VERSION%") do if "%%a"=="1" (set "CAPCERT_MAJOR=%%b") else (set "CAPCERT_MAJOR=%%a")
if not defined CAPCERT_MAJOR goto :subcommand
if %CAPCERT_MAJOR% GEQ 17 goto :subcommand
echo capcert: needs Java 17 or later, and %CAPCERT_JAVA% is Java %CAPCERT_VERSION%: set JAVA_HOME to a newer Java 1>&2
exit /b 4

rem The subcommand is the first argument that is not an option (only --debug, -h and -V come
rem before it). SHIFT leaves %* as it was.
:subcommand
set "CAPCERT_COMMAND="
:next_argument
if "%~1"=="" goto :options
set "CAPCERT_ARG=%~1"
if not "%CAPCERT_ARG:~0,1%"=="-" goto :found_subcommand
shift
goto :next_argument
:found_subcommand
set "CAPCERT_COMMAND=%CAPCERT_ARG%"

:options
rem HotSpot's first compiler (C1) alone: the second (C2) takes more CPU compiling than it saves in
rem a run of seconds, on captures and on checks alike (README, Benchmarks). The viewer runs for long
rem enough to repay C2.
set "CAPCERT_JVM=-XX:TieredStopAtLevel=1"
if /i "%CAPCERT_COMMAND%"=="view" set "CAPCERT_JVM="

"%CAPCERT_JAVA%" %CAPCERT_JVM% %CAPCERT_OPTS% -jar "%CAPCERT_JAR%" %*
exit /b %ERRORLEVEL%
