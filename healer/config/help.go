package config

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteHelp prints every setting with its default and what it accepts, by section.
func WriteHelp(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	section := ""
	for _, s := range Settings() {
		if s.Section != section {
			section = s.Section
			fmt.Fprintf(tw, "\n%s settings:\n", section)
		}
		def := s.Default
		if def == "" {
			def = "(unset)"
		}
		fmt.Fprintf(tw, "  %s\tdefault %s\t%s\n", s.Name, def, s.Help)
		fmt.Fprintf(tw, "  \t\taccepts %s\n", s.Accepts)
	}
	return tw.Flush()
}

// Effective lists every setting's name and the value in force, in registry order.
func (c Config) Effective() [][2]string {
	lines := make([][2]string, 0, len(Settings())+1)
	for _, s := range Settings() {
		lines = append(lines, [2]string{s.Name, s.show(&c)})
	}
	return append(lines, [2]string{"(engine)", c.Docker.describe()})
}

func (d Docker) describe() string {
	s := d.Host + " from " + d.Source
	if d.TLS() {
		s += fmt.Sprintf(" over TLS (verify=%t, cert %s)", d.TLSVerify, d.CertFile)
	}
	return s
}

// WriteTable prints the registry as the README's Markdown table.
func WriteTable(w io.Writer) {
	fmt.Fprintln(w, "| variable | default | accepts | what it does |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, s := range Settings() {
		def := "(unset)"
		if s.Default != "" {
			def = "`" + s.Default + "`"
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", s.Name, def, s.Accepts, s.Help)
	}
}
