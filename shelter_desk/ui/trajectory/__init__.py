"""The way from the first night to a home: admission, applications and waiting lists, housing."""
