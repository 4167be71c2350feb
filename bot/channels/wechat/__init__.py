"""The WeChat Official Account channel.

wechatpy parses, verifies, decrypts and renders the XML; the WeChat HTTP API
is called with httpx (wechatpy's client is synchronous and refreshes tokens
per process, which would make several processes invalidate each other's
token). Replies are passive XML within the 5-second rule, or customer-service
messages through the outbox when handling takes longer.
"""
