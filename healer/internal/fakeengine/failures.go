package fakeengine

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/moby/moby/api/types/container"
)

// failures are the engine's answers when a container is to join the network namespace
// of one that is not running, with "{id}" and "{parent}" in place of the recorded IDs.
type failures struct {
	start   failure
	restart failure
}

type failure struct {
	status   int    // HTTP status of the refused request
	message  string // its message
	error    string // State.Error afterwards
	exitCode int    // State.ExitCode afterwards
}

func (rec *recording) loadFailures() error {
	var err error
	rec.failures.start, err = rec.failure("dependent-failed-start", "start-parent-not-running")
	if err != nil {
		return err
	}
	rec.failures.restart, err = rec.failure("dependent-failed-restart",
		"restart-parent-not-running")
	return err
}

func (rec *recording) failure(fixture, situation string) (failure, error) {
	var c container.InspectResponse
	if err := json.Unmarshal(rec.inspect[fixture], &c); err != nil {
		return failure{}, fmt.Errorf("decoding inspect-%s.json: %w", fixture, err)
	}
	answer, ok := rec.errs[situation]
	if !ok || c.State == nil || c.HostConfig == nil {
		return failure{}, fmt.Errorf("reading %s: not recorded", situation)
	}
	var body struct{ Message string }
	if err := json.Unmarshal([]byte(answer.Body), &body); err != nil {
		return failure{}, fmt.Errorf("decoding %s: %w", situation, err)
	}
	parent, _ := strings.CutPrefix(string(c.HostConfig.NetworkMode), "container:")
	placeholders := strings.NewReplacer(c.ID, "{id}", parent, "{parent}")
	return failure{
		status:   answer.Status,
		message:  placeholders.Replace(body.Message),
		error:    placeholders.Replace(c.State.Error),
		exitCode: c.State.ExitCode,
	}, nil
}

// fill puts the container's and its parent's IDs into a recorded text.
func fill(template, id, parent string) string {
	return strings.NewReplacer("{id}", id, "{parent}", parent).Replace(template)
}
