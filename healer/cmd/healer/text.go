package main

import "strings"

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
