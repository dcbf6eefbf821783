// kcpbench: the kcp-go and TCP peers of the UXP benchmark harness (bench/run.sh).
//
// Modes:
//
//	sink     -l ADDR  [kcp flags]           receive "length + bytes", answer a 4-byte completion ack
//	source   -c ADDR  -n BYTES [kcp flags]  send BYTES, wait for the ack, print one JSON object
//	echo     -l ADDR  [kcp flags]           echo every byte back
//	ping     -c ADDR  [kcp flags]           64-byte message every -interval, print "epoch_ms rtt_ms" per echo
//	tcp-echo -l ADDR                        the same echo over TCP
//	tcp-ping -c ADDR                        the same ping over TCP
//
// kcp flags: -w WINDOW (send and receive), -crypt none|salsa20, -fec DATA,PARITY (0,0 = off).
// Every session uses kcp-go's fast mode SetNoDelay(1, 10, 2, 1) and stream mode.
// A ping stops on SIGTERM/SIGINT or after -duration and then prints a summary line on stderr.
//
// Build (Debian's kcp-go source, no network):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 go build -o kcpbench ./bench/kcpgo
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	kcp "github.com/xtaci/kcp-go"
)

const pingSize = 64

var (
	listenAddr  = flag.String("l", "", "listen address (sink, echo, tcp-echo)")
	connectAddr = flag.String("c", "", "server address (source, ping, tcp-ping)")
	nBytes      = flag.Int64("n", 64<<20, "bytes to send (source)")
	window      = flag.Int("w", 1024, "KCP send and receive window, segments")
	cryptName   = flag.String("crypt", "none", "none or salsa20")
	fecSpec     = flag.String("fec", "0,0", "FEC data,parity shards (0,0 = off)")
	interval    = flag.Duration("interval", 10*time.Millisecond, "ping interval")
	pingPong    = flag.Int("pingpong", 0, "ping: instead of one message per interval, send one at a time, the next when the echo is back, this many after the warm-up, and print percentiles in microseconds")
	warmUp      = flag.Int("warmup", 200, "ping -pingpong: echoes before the recorded ones")
	duration    = flag.Duration("duration", 10*time.Minute, "stop a ping / server after this long")
	timeout     = flag.Duration("timeout", 60*time.Second, "give up a transfer after this long (source)")
	sockbuf     = flag.Int("sockbuf", 4<<20, "UDP socket buffer request, bytes (kernel caps it at rmem_max/wmem_max)")
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kcpbench sink|source|echo|ping|tcp-echo|tcp-ping [flags]")
		os.Exit(2)
	}
	mode := os.Args[1]
	if err := flag.CommandLine.Parse(os.Args[2:]); err != nil {
		os.Exit(2)
	}
	var err error
	switch mode {
	case "sink":
		err = serveKCP(sink)
	case "echo":
		err = serveKCP(echo)
	case "source":
		err = source()
	case "ping":
		err = pingKCP()
	case "tcp-echo":
		err = tcpEcho()
	case "tcp-ping":
		err = tcpPing()
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kcpbench:", err)
		os.Exit(1)
	}
}

// benchKey is a fixed key: the benchmark compares cipher cost, not key management.
func block() (kcp.BlockCrypt, error) {
	switch *cryptName {
	case "none":
		return nil, nil
	case "salsa20":
		key := sha256.Sum256([]byte("uxp-bench fixed salsa20 key"))
		return kcp.NewSalsa20BlockCrypt(key[:])
	}
	return nil, fmt.Errorf("unknown -crypt %q (none or salsa20)", *cryptName)
}

func fec() (int, int, error) {
	parts := strings.Split(*fecSpec, ",")
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("-fec wants DATA,PARITY, got %q", *fecSpec)
	}
	d, err1 := strconv.Atoi(parts[0])
	p, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || d < 0 || p < 0 {
		return 0, 0, fmt.Errorf("-fec wants DATA,PARITY, got %q", *fecSpec)
	}
	return d, p, nil
}

func tune(s *kcp.UDPSession) {
	s.SetNoDelay(1, 10, 2, 1)
	s.SetWindowSize(*window, *window)
	s.SetStreamMode(true)
	s.SetReadBuffer(*sockbuf)
	s.SetWriteBuffer(*sockbuf)
}

func dial() (*kcp.UDPSession, error) {
	b, err := block()
	if err != nil {
		return nil, err
	}
	d, p, err := fec()
	if err != nil {
		return nil, err
	}
	s, err := kcp.DialWithOptions(*connectAddr, b, d, p)
	if err != nil {
		return nil, err
	}
	tune(s)
	return s, nil
}

func serveKCP(handle func(*kcp.UDPSession)) error {
	b, err := block()
	if err != nil {
		return err
	}
	d, p, err := fec()
	if err != nil {
		return err
	}
	l, err := kcp.ListenWithOptions(*listenAddr, b, d, p)
	if err != nil {
		return err
	}
	l.SetReadBuffer(*sockbuf)
	l.SetWriteBuffer(*sockbuf)
	go func() { time.Sleep(*duration); os.Exit(0) }()
	fmt.Fprintf(os.Stderr, "kcpbench listening on %s window %d crypt %s fec %s\n", *listenAddr, *window, *cryptName, *fecSpec)
	for {
		s, err := l.AcceptKCP()
		if err != nil {
			return err
		}
		tune(s)
		go handle(s)
	}
}

// sink reads an 8-byte big-endian count, then that many bytes, then answers "DONE".
func sink(s *kcp.UDPSession) {
	defer s.Close()
	var hdr [8]byte
	if _, err := io.ReadFull(s, hdr[:]); err != nil {
		return
	}
	want := int64(binary.BigEndian.Uint64(hdr[:]))
	got, err := io.CopyN(io.Discard, s, want)
	if err != nil {
		fmt.Fprintf(os.Stderr, "sink: %d of %d bytes: %v\n", got, want, err)
		return
	}
	s.Write([]byte("DONE"))
	fmt.Fprintf(os.Stderr, "sink: %d bytes from %s\n", got, s.RemoteAddr())
	// keep the session until the peer has our ack (it closes first); bounded
	s.SetReadDeadline(time.Now().Add(5 * time.Second))
	io.Copy(io.Discard, s)
}

func echo(s *kcp.UDPSession) {
	defer s.Close()
	io.Copy(s, s)
}

type result struct {
	System          string  `json:"system"`
	OK              bool    `json:"ok"`
	Bytes           int64   `json:"bytes"`
	Seconds         float64 `json:"seconds"`
	MiBPerSecond    float64 `json:"mibPerSecond"`
	Retransmissions uint64  `json:"retransmissions"`
	FastRetrans     uint64  `json:"fastRetransmissions"`
	EarlyRetrans    uint64  `json:"earlyRetransmissions"`
	LostSegs        uint64  `json:"lostSegments"`
	OutSegs         uint64  `json:"outSegments"`
	FECRecovered    uint64  `json:"fecRecovered"`
	Window          int     `json:"window"`
	Crypt           string  `json:"crypt"`
	FEC             string  `json:"fec"`
	Error           string  `json:"error,omitempty"`
}

func source() error {
	s, err := dial()
	if err != nil {
		return err
	}
	res := result{System: "kcp-go", Bytes: *nBytes, Window: *window, Crypt: *cryptName, FEC: *fecSpec}
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		var hdr [8]byte
		binary.BigEndian.PutUint64(hdr[:], uint64(*nBytes))
		if _, err := s.Write(hdr[:]); err != nil {
			done <- err
			return
		}
		buf := make([]byte, 16<<10)
		for i := range buf {
			buf[i] = byte(i * 31)
		}
		for left := *nBytes; left > 0; {
			chunk := buf
			if left < int64(len(chunk)) {
				chunk = chunk[:left]
			}
			n, err := s.Write(chunk)
			if err != nil {
				done <- err
				return
			}
			left -= int64(n)
		}
		done <- nil
	}()
	ack := make(chan error, 1)
	go func() {
		var a [4]byte
		_, err := io.ReadFull(s, a[:])
		if err == nil && string(a[:]) != "DONE" {
			err = fmt.Errorf("bad ack %q", a[:])
		}
		ack <- err
	}()
	deadline := time.After(*timeout)
	var failure error
	for waiting := 2; waiting > 0 && failure == nil; {
		select {
		case err := <-done:
			failure = err
			done = nil
			waiting--
		case err := <-ack:
			failure = err
			ack = nil
			waiting--
		case <-deadline:
			failure = fmt.Errorf("timeout after %s", *timeout)
		}
	}
	elapsed := time.Since(start).Seconds()
	snmp := kcp.DefaultSnmp.Copy()
	res.Seconds = elapsed
	res.OK = failure == nil
	if failure != nil {
		res.Error = failure.Error()
	} else {
		res.MiBPerSecond = float64(*nBytes) / (1 << 20) / elapsed
	}
	res.Retransmissions = snmp.RetransSegs
	res.FastRetrans = snmp.FastRetransSegs
	res.EarlyRetrans = snmp.EarlyRetransSegs
	res.LostSegs = snmp.LostSegs
	res.OutSegs = snmp.OutSegs
	res.FECRecovered = snmp.FECRecovered
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	s.Close()
	if failure != nil {
		os.Exit(1)
	}
	return nil
}

// pinger sends a 64-byte message every interval (sequence number + send time) and prints one line
// "epoch_ms rtt_ms" per echo on stdout; the summary goes to stderr on SIGTERM/SIGINT or after -duration.
type pinger struct {
	mu      sync.Mutex
	rtts    []float64
	sent    uint64
	outLock sync.Mutex
}

func (p *pinger) run(conn io.ReadWriter) error {
	if *pingPong > 0 {
		return pingPongRun(conn, *warmUp, *pingPong)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		buf := make([]byte, pingSize)
		for {
			if _, err := io.ReadFull(conn, buf); err != nil {
				return
			}
			sentNs := int64(binary.BigEndian.Uint64(buf[8:16]))
			now := time.Now()
			rtt := float64(now.UnixNano()-sentNs) / 1e6
			p.mu.Lock()
			p.rtts = append(p.rtts, rtt)
			p.mu.Unlock()
			p.outLock.Lock()
			fmt.Printf("%d %.3f\n", now.UnixMilli(), rtt)
			p.outLock.Unlock()
		}
	}()
	fmt.Fprintln(os.Stderr, "ping: ready")
	tick := time.NewTicker(*interval)
	defer tick.Stop()
	end := time.After(*duration)
	msg := make([]byte, pingSize)
	for seq := uint64(0); ; seq++ {
		select {
		case <-stop:
			p.summary()
			return nil
		case <-end:
			p.summary()
			return nil
		case <-tick.C:
			binary.BigEndian.PutUint64(msg[0:8], seq)
			binary.BigEndian.PutUint64(msg[8:16], uint64(time.Now().UnixNano()))
			if _, err := conn.Write(msg); err != nil {
				return err
			}
			p.mu.Lock()
			p.sent++
			p.mu.Unlock()
		}
	}
}

// pingPongRun sends one message at a time and the next as soon as its echo is back; it records the round trips
// after the warm-up and prints "pingpong: n N p50 X p99 Y p999 Z us" on stderr.
func pingPongRun(conn io.ReadWriter, warm, count int) error {
	msg := make([]byte, pingSize)
	buf := make([]byte, pingSize)
	rtts := make([]float64, 0, count)
	for i := 0; i < warm+count; i++ {
		binary.BigEndian.PutUint64(msg[0:8], uint64(i))
		start := time.Now()
		if _, err := conn.Write(msg); err != nil {
			return err
		}
		if _, err := io.ReadFull(conn, buf); err != nil {
			return err
		}
		if i >= warm {
			rtts = append(rtts, float64(time.Since(start).Nanoseconds())/1e3)
		}
	}
	sort.Float64s(rtts)
	at := func(q float64) float64 { return rtts[int(q*float64(len(rtts)-1))] }
	fmt.Fprintf(os.Stderr, "pingpong: n %d p50 %.1f p99 %.1f p999 %.1f us\n", len(rtts), at(0.50), at(0.99), at(0.999))
	return nil
}

func (p *pinger) summary() {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := append([]float64(nil), p.rtts...)
	sort.Float64s(r)
	pct := func(q float64) float64 {
		if len(r) == 0 {
			return -1
		}
		i := int(q*float64(len(r))+0.999999) - 1
		if i < 0 {
			i = 0
		}
		return r[i]
	}
	fmt.Fprintf(os.Stderr, "ping: sent %d received %d p50 %.2f ms p99 %.2f ms\n", p.sent, len(r), pct(0.5), pct(0.99))
}

func pingKCP() error {
	s, err := dial()
	if err != nil {
		return err
	}
	defer s.Close()
	return (&pinger{}).run(s)
}

func tcpEcho() error {
	l, err := net.Listen("tcp", *listenAddr)
	if err != nil {
		return err
	}
	go func() { time.Sleep(*duration); os.Exit(0) }()
	fmt.Fprintf(os.Stderr, "tcp echo listening on %s\n", *listenAddr)
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go func() { defer c.Close(); io.Copy(c, c) }()
	}
}

func tcpPing() error {
	c, err := net.DialTimeout("tcp", *connectAddr, 10*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.(*net.TCPConn).SetNoDelay(true)
	return (&pinger{}).run(c)
}
