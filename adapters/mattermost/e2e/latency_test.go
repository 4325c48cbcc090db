package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"meldbot/bot"
)

// BenchmarkReplyLatency measures, on the real server, the time from an
// employee's direct message to the bot's reply, by the server's own
// timestamps: from the CreateAt of the employee's post to the CreateAt of
// the bot's first post (or the UpdateAt of its first edit), so neither the
// client's round trips nor its websocket count. It does so for meldbot (the
// real binary, answering "hallo" with its greeting, saved in its data file
// first) and for a trivial echo bot on the same client libraries,
// alternately in the same run, and reports the 50th and 95th percentiles
// of each and their ratio; at least 400 messages each:
//
//	MELDBOT_E2E=1 go test -run '^$' -bench ReplyLatency -benchtime 400x -timeout 40m ./adapters/mattermost/e2e
func BenchmarkReplyLatency(b *testing.B) {
	w := need(b)
	w.startMeldbot(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	echo := w.s.bots["echo"]
	echoErr := make(chan error, 1)
	ready := make(chan struct{})
	go func() { echoErr <- runEchoBot(ctx, w.mm.url, echo.token, ready) }()
	select {
	case <-ready:
	case err := <-echoErr:
		b.Fatalf("echo bot: %v", err)
	case <-time.After(20 * time.Second):
		b.Fatal("the echo bot did not connect")
	}

	tomAcc := w.s.people[tom]
	meldbotID := w.s.bots["meldbot"].user.Id
	measure := func(botID, text, want string) (time.Duration, error) {
		w.d.setMark()
		sent, _, err := tomAcc.client.CreatePost(ctx, postIn(tomAcc.dms[botID], text))
		if err != nil {
			return 0, err
		}
		dl, err := w.d.awaitFrom(botID, string(bot.EmailOf(tom)), want, 20*time.Second)
		if err != nil {
			return 0, err
		}
		replied := dl.post.CreateAt
		if dl.Update {
			replied = dl.post.UpdateAt
		}
		return time.Duration(replied-sent.CreateAt) * time.Millisecond, nil
	}
	// One round of each first, so connections and caches are warm.
	if _, err := measure(meldbotID, "hallo", "Ik ben meldbot"); err != nil {
		b.Fatal(err)
	}
	if _, err := measure(echo.user.Id, "warm", "warm"); err != nil {
		b.Fatal(err)
	}

	n := max(b.N, 400)
	var mb, ec []time.Duration
	b.ResetTimer()
	for i := range n {
		d, err := measure(meldbotID, "hallo", "Ik ben meldbot")
		if err != nil {
			b.Fatal(err)
		}
		mb = append(mb, d)
		msg := fmt.Sprintf("echo %d", i)
		if d, err = measure(echo.user.Id, msg, msg); err != nil {
			b.Fatal(err)
		}
		ec = append(ec, d)
	}
	b.StopTimer()
	select {
	case err := <-echoErr:
		b.Fatalf("echo bot stopped: %v", err)
	default:
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	mp50, mp95, ep50, ep95 := percentile(mb, 50), percentile(mb, 95), percentile(ec, 50), percentile(ec, 95)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(mp50), "meldbot-p50-ms")
	b.ReportMetric(ms(mp95), "meldbot-p95-ms")
	b.ReportMetric(ms(ep50), "echo-p50-ms")
	b.ReportMetric(ms(ep95), "echo-p95-ms")
	b.ReportMetric(float64(mp50)/float64(ep50), "ratio-p50")
	b.ReportMetric(float64(mp95)/float64(ep95), "ratio-p95")
	b.Logf("%d messages each: meldbot p50 %.1f ms, p95 %.1f ms; echo bot p50 %.1f ms, p95 %.1f ms; ratio p50 %.2f, p95 %.2f",
		n, ms(mp50), ms(mp95), ms(ep50), ms(ep95), float64(mp50)/float64(ep50), float64(mp95)/float64(ep95))
}

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(i, 0)]
}
