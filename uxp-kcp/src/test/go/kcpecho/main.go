// kcpecho is a KCP peer built on kcp-go's bare KCP engine (no session, cipher or FEC), so it speaks plain
// reference-format segments. It echoes every message it receives, over UDP on 127.0.0.1, and exits on its own
// after -idle of silence or -max in total. Used by KcpGoInteropTest to check wire compatibility.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"time"

	kcp "github.com/xtaci/kcp-go"
)

func main() {
	conv := flag.Uint("conv", 1, "conversation id")
	idle := flag.Duration("idle", 5*time.Second, "exit after this long without a datagram")
	max := flag.Duration("max", 60*time.Second, "exit after this long in total")
	flag.Parse()

	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	fmt.Println(conn.LocalAddr().(*net.UDPAddr).Port)

	var peer *net.UDPAddr
	engine := kcp.NewKCP(uint32(*conv), func(buf []byte, size int) {
		if peer != nil {
			conn.WriteToUDP(buf[:size], peer)
		}
	})
	engine.NoDelay(1, 10, 2, 1)
	engine.WndSize(128, 128)

	start := time.Now()
	last := time.Now()
	in := make([]byte, 65536)
	msg := make([]byte, 1<<20)
	for time.Since(start) < *max && time.Since(last) < *idle {
		conn.SetReadDeadline(time.Now().Add(5 * time.Millisecond))
		n, from, err := conn.ReadFromUDP(in)
		if err == nil {
			peer = from
			last = time.Now()
			if rc := engine.Input(in[:n], true, false); rc != 0 {
				fmt.Fprintln(os.Stderr, "input refused:", rc)
			}
			for {
				m := engine.Recv(msg)
				if m < 0 {
					break
				}
				engine.Send(msg[:m])
			}
		}
		engine.Update()
	}
}
