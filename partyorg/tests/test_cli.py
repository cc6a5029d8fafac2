

def test_the_demo_refuses_a_busy_port_before_seeding(tmp_path, capsys):
    import socket

    from partyorg.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["demo", "--data", str(tmp_path / "demo"), "--port", str(port)]) == 2
    assert "already in use" in capsys.readouterr().err
    assert not (tmp_path / "demo").exists()  # nothing was seeded
