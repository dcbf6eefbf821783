// Command kcppeer is a real KCP peer for UXP's interop tests: kcp-go (Debian's golang-github-xtaci-kcp-dev)
// with no encryption and no FEC, so that it speaks plain KCP segments on the wire.
//
// Modes:
//
//	kcppeer server -listen :4000 [-stream] echo every message back on the session it came from
//	kcppeer client -connect host:port -bytes N -conv C
//	                                      send N pseudo-random bytes, read the echo, exit 0 if identical
//
// Every session uses nodelay(1, 10, 2, 1), windows 256/256 and MTU 1400, matching UXP's engine settings in the
// test; message mode unless -stream.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"time"

	kcp "github.com/xtaci/kcp-go"
)

const (
	mtu        = 1400
	ioDeadline = 60 * time.Second
)

var (
	streamMode bool
	window     = 256
)

func tune(s *kcp.UDPSession) {
	s.SetNoDelay(1, 10, 2, 1)
	s.SetWindowSize(window, window)
	s.SetMtu(mtu)
	s.SetStreamMode(streamMode)
	s.SetACKNoDelay(true)
}

func serve(addr string) error {
	l, err := kcp.ListenWithOptions(addr, nil, 0, 0)
	if err != nil {
		return err
	}
	fmt.Println("kcppeer listening on", l.Addr())
	for {
		s, err := l.AcceptKCP()
		if err != nil {
			return err
		}
		tune(s)
		fmt.Println("session from", s.RemoteAddr(), "conv", s.GetConv())
		go func(s *kcp.UDPSession) {
			defer s.Close()
			buf := make([]byte, 65536)
			var total int64
			for {
				s.SetReadDeadline(time.Now().Add(ioDeadline))
				n, err := s.Read(buf)
				if err != nil {
					fmt.Println("session", s.GetConv(), "ended after", total, "bytes:", err)
					return
				}
				total += int64(n)
				if _, err := s.Write(buf[:n]); err != nil {
					fmt.Println("write failed:", err)
					return
				}
			}
		}(s)
	}
}

func dial(addr string, n int, conv uint32) error {
	conn, err := net.ListenPacket("udp", ":0")
	if err != nil {
		return err
	}
	raddr, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return err
	}
	s, err := kcp.NewConn3(conv, raddr, nil, 0, 0, conn)
	if err != nil {
		return err
	}
	defer s.Close()
	tune(s)
	payload := make([]byte, n)
	rand.New(rand.NewSource(int64(conv))).Read(payload)
	go func() {
		for off := 0; off < n; off += 1000 {
			end := off + 1000
			if end > n {
				end = n
			}
			s.Write(payload[off:end])
		}
	}()
	got := make([]byte, n)
	s.SetReadDeadline(time.Now().Add(ioDeadline))
	if _, err := io.ReadFull(s, got); err != nil {
		return fmt.Errorf("echo incomplete: %w", err)
	}
	if !bytes.Equal(payload, got) {
		return fmt.Errorf("echo differs from what was sent")
	}
	fmt.Println("echo verified:", n, "bytes")
	return nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kcppeer server|client [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	listen := fs.String("listen", ":4000", "server: UDP address to listen on")
	connect := fs.String("connect", "", "client: UDP address of the echo server")
	n := fs.Int("bytes", 1<<20, "client: bytes to send")
	conv := fs.Uint("conv", 0x55585001, "client: KCP conversation id")
	fs.BoolVar(&streamMode, "stream", false, "use KCP stream mode instead of message mode")
	fs.IntVar(&window, "window", 256, "KCP send and receive window, in segments")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "server":
		err = serve(*listen)
	case "client":
		err = dial(*connect, *n, uint32(*conv))
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kcppeer:", err)
		os.Exit(1)
	}
}
