// Package dispatch delivers invoice webhooks to customer endpoints.
//
// pool.go holds the bounded worker pool that the dispatcher feeds. Jobs are
// pulled from the outbox table by the poller (poller.go) and submitted here;
// each worker POSTs one webhook, records the attempt, and reports a Result.
//
// Shutdown contract: Stop(ctx) stops accepting jobs, lets in-flight jobs
// finish until ctx expires, then cancels them. Results() is closed once every
// worker has exited, so `for r := range pool.Results()` terminates.
package dispatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Job is one webhook delivery attempt.
type Job struct {
	ID        int64
	TenantID  string
	URL       string
	EventType string
	Body      []byte
	Attempt   int
	Enqueued  time.Time
}

// Result reports how a job went.
type Result struct {
	JobID      int64
	StatusCode int
	Err        error
	Duration   time.Duration
	Attempt    int
}

// Handler performs a job. It must respect ctx cancellation.
type Handler func(ctx context.Context, job Job) Result

// ErrPoolClosed is returned by Submit after Stop has been called.
var ErrPoolClosed = errors.New("dispatch: pool is closed")

// Stats are cumulative counters, safe to read concurrently.
type Stats struct {
	Submitted uint64
	Succeeded uint64
	Failed    uint64
	Panicked  uint64
	InFlight  int64
}

// Pool runs Handler on up to Size jobs at a time.
type Pool struct {
	size    int
	handler Handler
	log     *slog.Logger

	jobs    chan Job
	results chan Result

	ctx    context.Context
	cancel context.CancelFunc

	wg       sync.WaitGroup
	closeMu  sync.RWMutex
	closed   bool
	stopOnce sync.Once

	submitted, succeeded, failed, panicked atomic.Uint64
	inFlight                               atomic.Int64
}

// Options configure a Pool.
type Options struct {
	Size       int           // number of workers; default 8
	QueueDepth int           // buffered jobs waiting for a worker; default 2*Size
	JobTimeout time.Duration // per-job deadline; default 30s
	Logger     *slog.Logger
}

// NewPool creates and starts a pool.
func NewPool(h Handler, opts Options) *Pool {
	if opts.Size <= 0 {
		opts.Size = 8
	}
	if opts.QueueDepth <= 0 {
		opts.QueueDepth = 2 * opts.Size
	}
	if opts.JobTimeout <= 0 {
		opts.JobTimeout = 30 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pool{
		size:    opts.Size,
		handler: h,
		log:     opts.Logger.With("component", "dispatch.pool"),
		jobs:    make(chan Job, opts.QueueDepth),
		results: make(chan Result, opts.QueueDepth),
		ctx:     ctx,
		cancel:  cancel,
	}
	for i := 0; i < opts.Size; i++ {
		go func(id int) {
			p.wg.Add(1)
			defer p.wg.Done()
			p.worker(id, opts.JobTimeout)
		}(i)
	}
	return p
}

func (p *Pool) worker(id int, timeout time.Duration) {
	log := p.log.With("worker", id)
	for job := range p.jobs {
		p.inFlight.Add(1)
		res := p.run(job, timeout, log)
		p.inFlight.Add(-1)
		if res.Err == nil && res.StatusCode >= 200 && res.StatusCode < 300 {
			p.succeeded.Add(1)
		} else {
			p.failed.Add(1)
		}
		select {
		case p.results <- res:
		case <-p.ctx.Done():
			log.Warn("dropping result after cancel", "job", job.ID)
		}
	}
}

// run executes one job with a timeout and turns panics into failed Results.
func (p *Pool) run(job Job, timeout time.Duration, log *slog.Logger) (res Result) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			p.panicked.Add(1)
			log.Error("handler panicked", "job", job.ID, "panic", r)
			res = Result{JobID: job.ID, Err: fmt.Errorf("panic: %v", r), Attempt: job.Attempt}
		}
		res.Duration = time.Since(start)
	}()
	res = p.handler(ctx, job)
	res.JobID = job.ID
	res.Attempt = job.Attempt
	return res
}

// Submit enqueues a job, blocking while the queue is full. It returns
// ErrPoolClosed after Stop, or ctx.Err() if ctx ends first.
func (p *Pool) Submit(ctx context.Context, job Job) error {
	p.closeMu.RLock()
	defer p.closeMu.RUnlock()
	if p.closed {
		return ErrPoolClosed
	}
	if job.Enqueued.IsZero() {
		job.Enqueued = time.Now()
	}
	select {
	case p.jobs <- job:
		p.submitted.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TrySubmit enqueues without blocking; it reports false when the queue is full.
func (p *Pool) TrySubmit(job Job) (bool, error) {
	p.closeMu.RLock()
	defer p.closeMu.RUnlock()
	if p.closed {
		return false, ErrPoolClosed
	}
	select {
	case p.jobs <- job:
		p.submitted.Add(1)
		return true, nil
	default:
		return false, nil
	}
}

// Results streams job results. It is closed after Stop once all workers exit.
func (p *Pool) Results() <-chan Result { return p.results }

// Stop stops accepting jobs and waits for workers. In-flight and queued jobs
// keep running until ctx is done; then they are cancelled.
func (p *Pool) Stop(ctx context.Context) error {
	var err error
	p.stopOnce.Do(func() {
		p.closeMu.Lock()
		p.closed = true
		close(p.jobs)
		p.closeMu.Unlock()

		done := make(chan struct{})
		go func() {
			p.wg.Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-ctx.Done():
			p.cancel()
			<-done
			err = ctx.Err()
		}
		close(p.results)
		p.cancel()
	})
	return err
}

// Stats returns a snapshot of the counters.
func (p *Pool) Stats() Stats {
	return Stats{
		Submitted: p.submitted.Load(),
		Succeeded: p.succeeded.Load(),
		Failed:    p.failed.Load(),
		Panicked:  p.panicked.Load(),
		InFlight:  p.inFlight.Load(),
	}
}

// Size is the number of workers.
func (p *Pool) Size() int { return p.size }

// Drain is a helper for tests and the CLI: submit all jobs, stop, and collect
// every result.
func Drain(ctx context.Context, p *Pool, jobs []Job) ([]Result, error) {
	var out []Result
	collected := make(chan struct{})
	go func() {
		for r := range p.Results() {
			out = append(out, r)
		}
		close(collected)
	}()
	for _, j := range jobs {
		if err := p.Submit(ctx, j); err != nil {
			return out, err
		}
	}
	err := p.Stop(ctx)
	<-collected
	return out, err
}
