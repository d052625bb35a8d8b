// Word lists for the synthetic corpus. The sentences they make are invented for
// load testing: plausible in shape (what a code entry or directive page says),
// not a description of mod_wsgi's real behaviour.

/** Parts of the server that a message can be about. */
export const subjects = [
  'daemon socket',
  'accept mutex',
  'listener queue',
  'interpreter state',
  'request body reader',
  'response header block',
  'script file',
  'process group table',
  'signal pipe',
  'metrics buffer',
  'telemetry channel',
  'worker thread pool',
  'shared memory segment',
  'lock file',
  'environment table',
  'wrapper object',
  'output stream',
  'input filter',
  'module cache',
  'configuration record',
  'authentication hook',
  'group lookup',
  'restart pipe',
  'socket directory',
  'proxy header list',
  'slow request log',
  'interpreter options container',
  'dispatch handler',
  'startup script',
  'deadlock timer',
  'idle timer',
  'graceful shutdown timer',
  'Python path list',
  'bytecode cache',
  'sendfile channel',
  'chunked body decoder'
] as const;

/** Verb, its past participle, and the noun for the act. */
export const actions = [
  ['create', 'created', 'creation'],
  ['open', 'opened', 'opening'],
  ['bind', 'bound', 'binding'],
  ['attach', 'attached', 'attachment'],
  ['initialise', 'initialised', 'initialisation'],
  ['read', 'read', 'read'],
  ['write', 'written', 'write'],
  ['release', 'released', 'release'],
  ['lock', 'locked', 'locking'],
  ['allocate', 'allocated', 'allocation'],
  ['register', 'registered', 'registration'],
  ['resolve', 'resolved', 'lookup'],
  ['load', 'loaded', 'loading'],
  ['close', 'closed', 'close'],
  ['reset', 'reset', 'reset'],
  ['parse', 'parsed', 'parsing'],
  ['flush', 'flushed', 'flush']
] as const;

export const contexts = ['daemon process', 'Apache child process', 'embedded interpreter', 'request thread', 'monitor thread', 'parent process', 'reaper thread', 'sub interpreter'] as const;

/** The tail of a logged message: what happens next, in the log's terse voice. */
export const consequences = [
  'daemon process will exit',
  'request will be aborted',
  'feature disabled for this process',
  'will retry shortly',
  'continuing without it',
  'Python handlers unavailable',
  'falling back to the default',
  'connection dropped',
  'shutting down process group'
] as const;

export const placeholders = ['path', 'group', 'pid', 'uid', 'gid', 'name', 'errno', 'count', 'interpreter', 'socket', 'limit', 'seconds', 'header', 'host', 'port', 'module', 'handler'] as const;

export const sourceFiles = ['mod_wsgi.c', 'wsgi_daemon.c', 'wsgi_interp.c', 'wsgi_remote.c', 'wsgi_auth.c', 'wsgi_logger.c', 'wsgi_config.c', 'wsgi_metrics.c', 'wsgi_telemetry.c', 'wsgi_shutdown.c', 'wsgi_dispatch.c', 'wsgi_execute.c'] as const;

/** Why a call can fail, as the tail of "usually ...". */
export const reasons = [
  'a permission problem on the path involved',
  'a limit on open files that is set too low',
  'memory running short on the host',
  'a second Apache instance using the same runtime directory',
  'a configuration value outside the accepted range',
  'a Python installation that does not match this build',
  'a file removed by a cleanup job while the server was running',
  'a security module refusing the operation',
  'a restart arriving while the call was in progress',
  'a stale file left behind by a crashed process',
  'an application that blocks the thread for too long',
  'a proxy in front of Apache sending unexpected headers'
] as const;

/** What mod_wsgi does after the failure, as a sentence predicate. */
export const reactions = [
  'logs the message and lets the process exit, after which Apache starts a replacement',
  'abandons the current request and answers it with a server error',
  'carries on without the feature for the rest of the process lifetime',
  'waits briefly and tries the same call again',
  'closes the connection and keeps serving other requests',
  'marks the process group as unhealthy until the next restart',
  'uses the built-in default value instead of the configured one',
  'drops the collected data for this interval'
] as const;

export const effects = [
  'Clients may see a short burst of failed requests.',
  'Nothing else is affected.',
  'Other process groups keep running normally.',
  'The failure repeats on each restart until the cause is fixed.',
  'Requests already running are allowed to finish.',
  'The condition is not visible to clients.'
] as const;

export const advice = [
  'Check the ownership and mode of the directory named in the message.',
  'Raise the limit on open files for the Apache user and restart.',
  'Look for earlier messages from the same process id; the first one usually names the root cause.',
  'Compare the value in the configuration with the range described for the directive.',
  'Make sure only one Apache instance uses this runtime directory.',
  'Turn up the log level for the wsgi module to see the detail behind the failure.',
  'Restart Apache with a full stop and start rather than a graceful restart.',
  'Rebuild mod_wsgi against the Python installation that is actually in use.',
  'Review what the application does at start-up; long imports delay the first request.'
] as const;

/** CamelCase parts for directive names: `WSGI` + two or three of these. */
export const nameParts = [
  'Socket',
  'Process',
  'Daemon',
  'Python',
  'Script',
  'Request',
  'Response',
  'Header',
  'Proxy',
  'Trusted',
  'Restrict',
  'Signal',
  'Metrics',
  'Telemetry',
  'Interpreter',
  'Thread',
  'Queue',
  'Timeout',
  'Limit',
  'Buffer',
  'Accept',
  'Mutex',
  'Group',
  'Handler',
  'Access',
  'Auth',
  'Cache',
  'Path',
  'Home',
  'Warnings',
  'Rotation',
  'Prefix',
  'Reload',
  'Import',
  'Dispatch',
  'Chunked',
  'Sendfile',
  'Error',
  'Override',
  'Slow',
  'Idle',
  'Stdin',
  'Stdout',
  'Eggs',
  'Seed',
  'Switch'
] as const;

export const optionWords = ['processes', 'threads', 'timeout', 'queue', 'user', 'group', 'umask', 'home', 'prefix', 'limit', 'interval', 'size', 'mode', 'target', 'retries', 'backlog', 'label', 'scope'] as const;

export const optionValues = ['num', 'sec', 'name', 'path', 'bytes', 'On|Off', 'value'] as const;

export const contextSets = [
  ['server config'],
  ['server config', 'virtual host'],
  ['server config', 'virtual host', 'directory'],
  ['server config', 'virtual host', 'directory', '.htaccess'],
  ['directory', '.htaccess']
] as const;

export const groupTitles = [
  'Application loading',
  'Process model and daemon mode',
  'Python environment',
  'Authentication and access control',
  'Request handling',
  'Reverse proxy',
  'Telemetry',
  'Sandboxing and safety',
  'Logging and diagnostics',
  'Performance tuning'
] as const;

export const directiveTopics = [
  'where the file is looked up',
  'how the value is inherited by virtual hosts',
  'what happens on a graceful restart',
  'how it interacts with daemon mode',
  'the accepted range of values',
  'how it behaves on Windows'
] as const;
