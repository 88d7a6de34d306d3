package fakeengine

import "context"

type apiVersionKey struct{}

func withAPIVersion(ctx context.Context, v string) context.Context {
	return context.WithValue(ctx, apiVersionKey{}, v)
}

// requestVersion is the API version the request asked for, "" for an unversioned path.
func requestVersion(ctx context.Context) string {
	v, _ := ctx.Value(apiVersionKey{}).(string)
	return v
}
