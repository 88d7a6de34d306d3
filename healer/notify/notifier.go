package notify

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/healstack/healstack/healer/heal"
)

// Delivery limits.
const (
	attemptTimeout = 10 * time.Second
	attempts       = 3
	retryWait      = time.Second
	queueLength    = 64
	scriptTimeout  = 30 * time.Second
	// A container may cause a burst of burstPerContainer messages, then one per
	// refillEvery: a restart loop must not flood a chat channel.
	burstPerContainer = 3
	refillEvery       = time.Minute
)

// Settings says where to deliver.
type Settings struct {
	WebhookURL, WebhookKey, AppriseURL, Script string
	Host                                       string // named in every message
}

// Notifier is a heal.Observer that delivers messages. Observe never blocks.
type Notifier struct {
	host   string
	log    *slog.Logger
	queues []chan Message
	sinks  []sink

	mu       sync.Mutex // guards limiters and closed, and the queues against a close
	limiters map[string]*rate.Limiter
	closed   bool
}

// New prepares the sinks the settings ask for; with none it is a no-op.
func New(s Settings, log *slog.Logger) *Notifier {
	client := &http.Client{Timeout: attemptTimeout}
	n := &Notifier{host: s.Host, log: log, limiters: map[string]*rate.Limiter{}}
	if s.WebhookURL != "" {
		n.sinks = append(n.sinks, webhook{url: s.WebhookURL, key: s.WebhookKey, client: client})
	}
	if s.AppriseURL != "" {
		n.sinks = append(n.sinks, apprise{url: s.AppriseURL, client: client})
	}
	if s.Script != "" {
		n.sinks = append(n.sinks, script{path: s.Script})
	}
	for range n.sinks {
		n.queues = append(n.queues, make(chan Message, queueLength))
	}
	return n
}

// Run delivers until Close has been called and the queues are empty, or until ctx
// ends; each sink on its own, so one slow sink holds back none of the others.
func (n *Notifier) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for i, s := range n.sinks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.drain(ctx, s, n.queues[i])
		}()
	}
	wg.Wait()
}

// Observe queues a message for every sink, unless the container's rate is spent, a
// queue is full or the notifier is closed; it never waits.
func (n *Notifier) Observe(a heal.Action) {
	if len(n.sinks) == 0 {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		n.log.Warn("notification dropped", "container", a.Container, "why", "stopping")
		return
	}
	if !n.allow(a.Container) {
		return
	}
	m := compose(n.host, a)
	for i, s := range n.sinks {
		if !s.wants(m) {
			continue
		}
		select {
		case n.queues[i] <- m:
		default:
			n.log.Warn("notification dropped", "container", a.Container, "why", "queue full")
		}
	}
}

// Close stops taking messages; Run delivers those already queued, then returns. The
// healer closes it once its actions are done, so a restart that was let finish on
// shutdown is still reported.
func (n *Notifier) Close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	n.closed = true
	for _, q := range n.queues {
		close(q)
	}
}

// allow is called with mu held.
func (n *Notifier) allow(name string) bool {
	l, ok := n.limiters[name]
	if !ok {
		l = rate.NewLimiter(rate.Every(refillEvery), burstPerContainer)
		n.limiters[name] = l
	}
	return l.Allow()
}

func (n *Notifier) drain(ctx context.Context, s sink, queue <-chan Message) {
	for {
		select {
		case <-ctx.Done():
			return
		case m, open := <-queue:
			if !open {
				return
			}
			n.deliver(ctx, s, m)
		}
	}
}

// deliver tries a few times, each attempt with its own timeout.
func (n *Notifier) deliver(ctx context.Context, s sink, m Message) {
	var err error
	for try := 1; try <= attempts; try++ {
		timeout := attemptTimeout
		if _, ok := s.(script); ok {
			timeout = scriptTimeout
		}
		actx, cancel := context.WithTimeout(ctx, timeout)
		err = s.deliver(actx, m)
		cancel()
		if err == nil || errors.Is(err, errFinal) || ctx.Err() != nil || try == attempts {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(retryWait * time.Duration(try)):
		}
	}
	if err != nil {
		n.log.Warn("notification not delivered", "sink", s.name(),
			"container", m.Action.Container, "error", err.Error())
		return
	}
	n.log.Debug("notification delivered", "sink", s.name(), "container", m.Action.Container)
}
