package docker_test

import (
	"slices"
	"testing"

	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestNegotiatesEngineVersion(t *testing.T) {
	tests := []struct {
		name      string
		opts      []fakeengine.Option
		negotiate bool
		want      []string
	}{
		{"paths carry the engine's version - docker 29, explicit negotiate",
			[]fakeengine.Option{fakeengine.Docker29()}, true,
			[]string{"HEAD /_ping", "GET /v1.52/containers/json?all=1"}},
		{"paths carry the engine's version - api 1.41, explicit negotiate",
			nil, true,
			[]string{"HEAD /_ping", "GET /v1.41/containers/json?all=1"}},
		{"first call negotiates - docker 29, no negotiate",
			[]fakeengine.Option{fakeengine.Docker29()}, false,
			[]string{"HEAD /_ping", "GET /v1.52/containers/json?all=1"}},
		{"first call negotiates - api 1.41, no negotiate",
			nil, false,
			[]string{"HEAD /_ping", "GET /v1.41/containers/json?all=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t, tt.opts...)
			c := connect(t, e)
			if tt.negotiate {
				if _, err := c.Negotiate(testContext(t)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := c.List(testContext(t)); err != nil {
				t.Fatal(err)
			}
			if got := requestPaths(e); !slices.Equal(got, tt.want) {
				t.Errorf("requests %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNegotiateReportsVersion(t *testing.T) {
	tests := []struct {
		name string
		opts []fakeengine.Option
		want string
	}{
		{"engine's version - docker 29", []fakeengine.Option{fakeengine.Docker29()}, "1.52"},
		{"engine's version - api 1.41", nil, "1.41"},
		{"client's highest version - engine newer than the client",
			[]fakeengine.Option{fakeengine.WithAPIVersion("1.99")}, "1.57"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := connect(t, fakeengine.New(t, tt.opts...))
			got, err := c.Negotiate(testContext(t))
			if err != nil || got != tt.want {
				t.Errorf("negotiated %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// An engine upgraded under a running healer (API 1.41 to Docker 29, which refuses
// 1.41) must be spoken to in its new version after the next Negotiate.
func TestRenegotiatesAfterEngineUpgrade(t *testing.T) {
	e := fakeengine.New(t)
	c := connect(t, e)
	if v, err := c.Negotiate(testContext(t)); err != nil || v != "1.41" {
		t.Fatalf("first negotiation: %q, %v", v, err)
	}

	e.Upgrade(fakeengine.Docker29())
	if _, err := c.List(testContext(t)); err == nil {
		t.Fatal("listing at 1.41 on Docker 29 succeeded, want the engine's refusal")
	}
	v, err := c.Negotiate(testContext(t))
	if err != nil || v != "1.52" {
		t.Fatalf("negotiation after upgrade: %q, %v; want 1.52", v, err)
	}
	if _, err := c.List(testContext(t)); err != nil {
		t.Errorf("listing after renegotiation: %v", err)
	}
}
