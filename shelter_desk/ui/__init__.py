"""The Qt interface: windows, widgets and Qt models. It calls services and never touches SQL."""
