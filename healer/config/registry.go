package config

import "time"

// Settings is the registry: every variable the healer reads, in --help order.
func Settings() []Setting {
	return []Setting{
		with(stringSetting("AUTOHEAL_CONTAINER_LABEL", "autoheal",
			"a label key, or all", parseLabel, func(c *Config) *string { return &c.Label }),
			SectionAutoheal, "label that selects containers (LABEL=true); "+
				"all watches every container with a healthcheck; LABEL=false opts out"),
		with(secondsSetting("AUTOHEAL_INTERVAL", "5", 1,
			func(c *Config) *time.Duration { return &c.Interval }),
			SectionAutoheal, "seconds between full reconciles (events act at once)"),
		with(secondsSetting("AUTOHEAL_START_PERIOD", "0", 0,
			func(c *Config) *time.Duration { return &c.StartPeriod }),
			SectionAutoheal, "seconds to wait once after the healer starts before acting"),
		with(stopTimeoutSetting(), SectionAutoheal,
			"seconds a restart waits for the container to stop; unset uses its own"),
		with(boolSetting("AUTOHEAL_ONLY_MONITOR_RUNNING", "false",
			func(c *Config) *bool { return &c.OnlyMonitorRunning }),
			SectionAutoheal, "accepted for compatibility: paused containers are never touched"),
		with(secondsSetting("CURL_TIMEOUT", "30", 1,
			func(c *Config) *time.Duration { return &c.APITimeout }),
			SectionAutoheal, "seconds allowed for each ping, list and inspect call"),

		with(rawSetting("DOCKER_SOCK", "/var/run/docker.sock", sockAccepts,
			func(c *Config) *string { return &c.raw.sock }),
			SectionDocker, "engine address as autoheal takes it; tcps:// reads /certs/*.pem"),
		with(rawSetting("DOCKER_HOST", "", hostAccepts,
			func(c *Config) *string { return &c.raw.host }),
			SectionDocker, "engine address as the docker CLI takes it; used without DOCKER_SOCK"),
		with(rawSetting("DOCKER_CERT_PATH", "", "a directory holding ca.pem, cert.pem, key.pem",
			func(c *Config) *string { return &c.raw.certPath }),
			SectionDocker, "TLS material for DOCKER_HOST"),
		with(boolSetting("DOCKER_TLS_VERIFY", "false",
			func(c *Config) *bool { return &c.raw.tlsVerify }),
			SectionDocker, "verify the engine's certificate against ca.pem; "+
				"true needs DOCKER_CERT_PATH"),

		with(urlSetting("WEBHOOK_URL", func(c *Config) *string { return &c.Notify.WebhookURL }),
			SectionNotify, "POST a JSON object {WEBHOOK_JSON_KEY: message} here after each action"),
		with(stringSetting("WEBHOOK_JSON_KEY", "content", "a JSON key (letters, digits, _ . -)",
			parseJSONKey, func(c *Config) *string { return &c.Notify.WebhookKey }),
			SectionNotify, "the key of the webhook's message (content suits Discord)"),
		with(urlSetting("APPRISE_URL", func(c *Config) *string { return &c.Notify.AppriseURL }),
			SectionNotify, "POST a JSON object {title, body} to this Apprise API endpoint"),
		with(stringSetting("POST_RESTART_SCRIPT", "",
			"the absolute path of a file the healer's user may execute",
			parseExecutable, func(c *Config) *string { return &c.Notify.PostRestartScript }),
			SectionNotify, "run with container name, short id, state and timeout after an action"),

		with(boolSetting("HEALER_DEPENDENTS", "true",
			func(c *Config) *bool { return &c.Dependents }),
			SectionHealer, "restart containers sharing a restarted container's network namespace"),
		with(durationSetting("HEALER_PARENT_WAIT", "5m", time.Second,
			func(c *Config) *time.Duration { return &c.ParentWait }),
			SectionHealer, "how long a restarted parent may take to turn healthy before a warning"),
		with(durationSetting("HEALER_BACKOFF_INITIAL", "10s", 0,
			func(c *Config) *time.Duration { return &c.BackoffInitial }),
			SectionHealer, "wait before the second restart of a container that stays "+
				"unhealthy; no longer than HEALER_BACKOFF_MAX"),
		with(durationSetting("HEALER_BACKOFF_MAX", "5m", 0,
			func(c *Config) *time.Duration { return &c.BackoffMax }),
			SectionHealer, "longest wait between restarts; the wait doubles up to it"),
		with(durationSetting("HEALER_BACKOFF_RESET", "10m", time.Second,
			func(c *Config) *time.Duration { return &c.BackoffReset }),
			SectionHealer, "healthy this long after a restart and the backoff starts over"),
		with(budgetSetting(), SectionHealer, "restarts per window before the healer gives up"),
		with(durationSetting("HEALER_BUDGET_WINDOW", "1h", time.Second,
			func(c *Config) *time.Duration { return &c.BudgetWindow }),
			SectionHealer, "the window HEALER_RESTART_BUDGET counts in"),
		with(stringSetting("HEALER_PROJECT", "",
			"a compose project name (a-z, 0-9, _ and -), or empty for any", parseProject,
			func(c *Config) *string { return &c.Project }),
			SectionHealer, "act only on containers of this compose project"),
		with(stringSetting("HEALER_LISTEN", ":8080", "host:port", parseListen,
			func(c *Config) *string { return &c.Listen }),
			SectionHealer, "address of /healthz (and /metrics)"),
		with(stringSetting("HEALER_LOG_FORMAT", "text", "text or json",
			func(s string) (string, error) { return parseChoice(s, "text", "json") },
			func(c *Config) *string { return &c.LogFormat }),
			SectionHealer, "log line format"),
		with(logLevelSetting(), SectionHealer, "lowest level logged; skips are debug"),
		with(boolSetting("HEALER_DRY_RUN", "false",
			func(c *Config) *bool { return &c.DryRun }),
			SectionHealer, "log what would be done, restart nothing"),
	}
}

func stopTimeoutSetting() Setting {
	return Setting{
		Name: "AUTOHEAL_DEFAULT_STOP_TIMEOUT", Accepts: secondsAccepted(0),
		apply: func(c *Config, raw string) error {
			n, err := parseWhole(raw, 0, maxSeconds)
			c.DefaultStopTimeout = &n
			return err
		},
		show: func(c *Config) string { return showSeconds(c.DefaultStopTimeout) },
	}
}

func budgetSetting() Setting {
	return Setting{
		Name: "HEALER_RESTART_BUDGET", Default: "10", Accepts: "a whole number from 1 to 1000000",
		apply: func(c *Config, raw string) error {
			n, err := parseWhole(raw, 1, 1_000_000)
			c.RestartBudget = n
			return err
		},
		show: func(c *Config) string { return showInt(c.RestartBudget) },
	}
}

func logLevelSetting() Setting {
	return Setting{
		Name: "HEALER_LOG_LEVEL", Default: "info", Accepts: "debug, info, warn (or warning) or error",
		apply: func(c *Config, raw string) error {
			level, err := parseLogLevel(raw)
			c.LogLevel = level
			return err
		},
		show: func(c *Config) string { return showLogLevel(c.LogLevel) },
	}
}

// urlSetting is a notification URL, shown without what may be a secret in it.
func urlSetting(name string, field func(*Config) *string) Setting {
	s := stringSetting(name, "", "an http:// or https:// URL", parseURL, field)
	s.show = func(c *Config) string { return showURL(*field(c)) }
	return s
}

func rawSetting(name, def, accepts string, field func(*Config) *string) Setting {
	return stringSetting(name, def, accepts, func(s string) (string, error) { return s, nil },
		field)
}
