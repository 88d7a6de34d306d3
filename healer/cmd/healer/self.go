package main

import (
	"os"
	"regexp"
)

// containerIDInMount finds the engine's per-container folder in a mount source, such
// as /var/lib/docker/containers/<id>/hostname, which the engine bind-mounts into every
// container.
var containerIDInMount = regexp.MustCompile(`/containers/([0-9a-f]{64})/`)

// selfID is the ID of the container the healer runs in, or "" outside a container.
func selfID() string {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return ""
	}
	if m := containerIDInMount.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}
